import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  createErrorFormatter,
  DomainError,
  ErrorCode,
  listenOn,
  operationMetricsPlugin,
  type ForwardedIdentity,
  type Logger,
} from '@cadres/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { createServer as createHttpServer, type Server } from 'node:http';
import { importUploadHandler } from './import-upload';
import type { AddressInfo } from 'node:net';
import { AuthenticationError, createIdentityResolver, createTokenVerifier } from './authentication';
import { shutdownDrainMs, subgraphUrls, type GatewayEnv } from './env';
import { GracefulShutdown } from './graceful-shutdown';
import { dashboardRouter, readDashboardBuild } from './dashboard';
import { graphiqlRouter } from './graphiql';
import { graphqlHandler } from './graphql-handler';
import { checkSubgraphs } from './health';
import { clientGoneSignal } from './subgraph-call-signal';
import { subgraphFailureFormatter } from './subgraph-failure';
import { corsFor } from './cors';
import { clientErrorFormatter, subscriptionRefused, unresolvedOperation } from './client-errors';
import { inputError, inputProblems } from './input-values';
import { createIdentitySigner } from './identity-header';
import { depthAndAliasLimitsRule, isIntrospection, OperationMeasures } from './operation-limits';
import { persistedQueries } from './persisted-queries';
import { memoryRateLimiter, redisRateLimiter, type RateLimiter } from './rate-limit';
import { SQL_STATEMENTS_HEADER, type GatewayContext } from './gateway-context';
import { subgraphServices } from './subgraph-call';
import { OperationSharing } from './operation-sharing';
import { countSharedOperation } from './metrics';
import { exportRouter } from './export/routes';
import { readSupergraph } from './supergraph';
import { requestLog } from './request-log';

/**
 * Reports how many SQL statements an operation cost across all subgraphs, so that benchmarks and
 * tests can hold the platform to "no N+1" from the outside. A count reveals nothing about the data.
 */
const sqlStatementsHeader: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        response.http.headers.set(SQL_STATEMENTS_HEADER, String(contextValue.sqlStatements));
      },
    };
  },
};

export interface GatewayServer {
  httpServer: Server;
  listen(port: number, host?: string): Promise<AddressInfo>;
  stop(): Promise<void>;
}

function graphqlError(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** 429 with `Retry-After`: a well-behaved client waits exactly until its window ends. */
function rateLimited(res: Response, retryAfterSeconds: number, message: string): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  graphqlError(res, 429, ErrorCode.RATE_LIMITED, message);
}

/** Express's `trust proxy` from TRUSTED_PROXIES: false (trust no one) when empty, else the list. */
export function trustedProxies(setting: string): false | string[] {
  const proxies = setting
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return proxies.length ? proxies : false;
}

/**
 * The cost limit and the client mistakes, checked on every request once the operation is known and
 * before the query plan runs, so that no subgraph is called for a refused operation. (Cost depends
 * on the variables, so it cannot be a validation rule, which Apollo Server runs once per document;
 * it is remembered per operation and page sizes instead, see OperationMeasures. Depth and aliases
 * do not depend on them: they are a validation rule, depthAndAliasLimitsRule.)
 *
 * Introspection is bounded too (1,200 aliases of `__typename` or `ofType` nested 123 levels deep
 * were once waved through): by the same alias limit, and by depth and cost limits of its own
 * (`INTROSPECTION_MAX_DEPTH`, `INTROSPECTION_MAX_COST`), since the standard introspection query
 * (graphql-js getIntrospectionQuery, which GraphiQL and graphql-codegen send) nests type references
 * 15 deep and, counting 20 for each of its unpaged lists, costs 347,093 with GraphiQL's options:
 * asking it twice in one operation, or any list more deep inside it, is refused.
 */
function requestChecks(env: GatewayEnv): ApolloServerPlugin<GatewayContext> {
  const measures = new OperationMeasures();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema, contextValue }) {
          // Client mistakes first, each with its own code (client-errors.ts, input-values.ts).
          if (!operation) throw unresolvedOperation(document, request.operationName);
          if (operation.operation === 'subscription') throw subscriptionRefused();
          const problems = inputProblems(schema, document, operation, request.variables);
          if (problems.length) throw inputError(problems);
          // Every request here is authenticated (see the middleware), so any role may read the
          // schema it codes against, in production too: the schema is no secret, the data is.
          // Depth and aliases are checked before, in validation (depthAndAliasLimitsRule).
          const maxCost = isIntrospection(operation) ? env.INTROSPECTION_MAX_COST : env.MAX_COST;
          const cost = contextValue.gatewayOwnOperation
            ? 0
            : measures.cost(schema, document, operation, request.variables ?? {});
          if (cost > maxCost)
            throw new GraphQLError(`The operation costs ${cost}; at most ${maxCost} is allowed.`, {
              extensions: { code: ErrorCode.OPERATION_TOO_COSTLY, http: { status: 400 } },
            });
        },
      };
    },
  };
}

/**
 * Batched requests (a JSON array of operations, what Apollo Client's BatchHttpLink sends): at most
 * MAX_BATCH_SIZE operations, and each counts against the caller's rate limit (the request itself
 * was counted once on authentication). Apollo Server then runs each as its own operation, held to
 * the operation limits and cost on its own (requestChecks).
 */
function batchLimits(env: GatewayEnv, rateLimiter: RateLimiter) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!Array.isArray(req.body)) return next();
    const size = req.body.length;
    if (env.MAX_BATCH_SIZE === 0)
      return graphqlError(
        res,
        400,
        ErrorCode.BAD_REQUEST,
        'Batched requests are turned off here: send one operation per request.',
      );
    if (size > env.MAX_BATCH_SIZE)
      return graphqlError(
        res,
        400,
        ErrorCode.BAD_REQUEST,
        `A batched request holds at most ${env.MAX_BATCH_SIZE} operations; this one has ${size}.`,
      );
    if (size > 1) {
      const decision = await rateLimiter.allow((res.locals.identity as ForwardedIdentity).subject, size - 1);
      if (!decision.allowed)
        return rateLimited(
          res,
          decision.retryAfterSeconds,
          `More than ${env.RATE_LIMIT_PER_MINUTE} operations a minute.`,
        );
    }
    next();
  };
}

export async function createGatewayServer(
  env: GatewayEnv,
  logger: Logger,
  supergraphSdl = readSupergraph(),
): Promise<GatewayServer> {
  const urls = subgraphUrls(env);
  const identityCacheMs = env.IDENTITY_CACHE_SECONDS * 1000;
  const signIdentityHeader = createIdentitySigner(env.INTERNAL_SIGNING_SECRET, identityCacheMs);
  const gateway = new ApolloGateway({
    supergraphSdl,
    experimental_approximateQueryPlanStoreMiB: env.QUERY_PLAN_CACHE_MB,
    buildService: subgraphServices(env, urls, signIdentityHeader, logger),
  });
  const verifyToken = createTokenVerifier(env);
  const resolveIdentity = createIdentityResolver(identityCacheMs);
  const rateLimiter: RateLimiter = env.REDIS_URL
    ? await redisRateLimiter(env.REDIS_URL, env.RATE_LIMIT_PER_MINUTE, env.RATE_LIMIT_KEY_PREFIX)
    : memoryRateLimiter(env.RATE_LIMIT_PER_MINUTE);

  const sharing = env.SHARE_IDENTICAL_OPERATIONS === 'on' ? new OperationSharing(countSharedOperation) : null;

  const dashboard = env.DASHBOARD ? readDashboardBuild() : null;
  if (env.DASHBOARD && !dashboard) logger.warn('the dashboard is not built (npm run build): /dashboard answers 503');

  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed from the configured proxies only (none by default): otherwise any
  // local process could name another address and dodge the failed-login counter.
  app.set('trust proxy', trustedProxies(env.TRUSTED_PROXIES));
  const httpServer = createHttpServer(app);
  const shutdown = new GracefulShutdown(shutdownDrainMs(env), 3 * env.SUBGRAPH_TIMEOUT_MS, logger);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: clientErrorFormatter(subgraphFailureFormatter(createErrorFormatter(logger))),
    includeStacktraceInErrorResponses: false,
    // No "did you mean" hints in production: they reveal the schema to whoever guesses.
    hideSchemaDetailsFromClientErrors: env.NODE_ENV === 'production',
    introspection: true,
    csrfPrevention: true,
    // Bounded by batchLimits (MAX_BATCH_SIZE), which refuses them itself when 0.
    allowBatchedHttpRequests: true,
    parseOptions: { maxTokens: env.MAX_TOKENS },
    validationRules: [
      depthAndAliasLimitsRule({
        maxDepth: env.MAX_DEPTH,
        introspectionMaxDepth: env.INTROSPECTION_MAX_DEPTH,
        maxAliases: env.MAX_ALIASES,
      }),
    ],
    persistedQueries: persistedQueries(env.PERSISTED_QUERIES_CACHE_MB, dashboard?.persistedQueries),
    // index.ts stops the server on signals (in a worker, once, whoever asks); Apollo's own handler
    // would re-send the signal to the process once stopped and kill it mid-shutdown. The HTTP
    // server is drained before Apollo stops (graceful-shutdown.ts), not by Apollo's drain plugin.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      requestChecks(env),
      sqlStatementsHeader,
      operationMetricsPlugin<GatewayContext>(),
      ...(sharing ? [sharing.plugin()] : []),
    ],
  });
  await apollo.start();

  app.use(shutdown.track);
  app.use(requestLog(logger));

  // CORS: only the configured origins may call from a browser (cors.ts).
  app.use(corsFor(env));

  // Liveness: the process runs and its event loop turns. Nothing else: a restart cures nothing else.
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  // Readiness for a load balancer: 503 from the moment a stop begins. A subgraph being down does
  // not make the gateway unready: it still answers every other subgraph's part (partial answers),
  // and taking every replica out of rotation would turn one subgraph's outage into a total one.
  app.get('/health/ready', (_req, res) => {
    res
      .status(shutdown.draining ? 503 : 200)
      .json({ status: shutdown.draining ? 'stopping' : 'ok', service: 'gateway' });
  });
  // The operator's view (and CI's): readiness, plus every subgraph's health (503 when one is down).
  app.get('/health', async (_req, res) => {
    if (shutdown.draining) return void res.status(503).json({ status: 'stopping', service: 'gateway' });
    const subgraphs = await checkSubgraphs(urls, env.HEALTH_TIMEOUT_MS);
    const ok = subgraphs.every((s) => s.status === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', service: 'gateway', subgraphs });
  });

  if (env.DASHBOARD) app.use(dashboardRouter(env, dashboard, logger));

  if (env.GRAPHIQL) {
    app.use(await graphiqlRouter('/graphql', env));
    app.get('/', (_req, res) => res.redirect('/graphiql'));
  }

  // Authentication: nothing but the health check and GraphiQL's static page without a valid token.
  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    try {
      if (!header?.startsWith('Bearer ')) throw new AuthenticationError('A bearer token is required.');
      const claims = await verifyToken(header.slice('Bearer '.length).trim());
      const decision = await rateLimiter.allow(claims.subject);
      if (!decision.allowed)
        return rateLimited(
          res,
          decision.retryAfterSeconds,
          `More than ${env.RATE_LIMIT_PER_MINUTE} requests a minute.`,
        );
      res.locals.identity = resolveIdentity(claims);
      next();
    } catch (error) {
      // Failed attempts count against the address, so token guessing is throttled too.
      const decision = await rateLimiter.allow(`ip:${req.ip ?? 'unknown'}`);
      if (!decision.allowed) return rateLimited(res, decision.retryAfterSeconds, 'Too many requests.');
      if (error instanceof DomainError) {
        // RFC 6750: the scheme to use, and whether the token sent was refused (an expired token:
        // the client should get a new one rather than ask the user again).
        res.setHeader(
          'WWW-Authenticate',
          header?.startsWith('Bearer ')
            ? `Bearer realm="cadres", error="invalid_token", error_description="${error.message}"`
            : 'Bearer realm="cadres"',
        );
        return graphqlError(res, 401, ErrorCode.UNAUTHENTICATED, error.message);
      }
      logger.error({ err: error }, 'authentication failed');
      graphqlError(res, 503, ErrorCode.SERVICE_UNAVAILABLE, 'Authentication is unavailable.');
    }
  };
  app.use('/graphql', authenticate);
  // Exports and documents (issue 19): the same token, rate limit and identity as /graphql.
  app.use('/export', authenticate);
  app.use(exportRouter(apollo, logger));
  // Spreadsheet upload for the dashboard (import-upload.ts): the same token, then GraphQL as the caller.
  app.post('/import/:kind', authenticate, importUploadHandler(httpServer));

  app.use(
    '/graphql',
    express.json({ limit: env.REQUEST_SIZE_LIMIT }),
    batchLimits(env, rateLimiter),
    graphqlHandler(
      apollo,
      async (res) => ({
        requestId: res.locals.requestId as string,
        identity: res.locals.identity as ForwardedIdentity,
        sqlStatements: 0,
        abortSignal: clientGoneSignal(res),
      }),
      env.COMPRESSION === 'on',
      sharing ? (request, context, run, onFollow) => sharing.execute(request, context, run, onFollow) : undefined,
    ),
  );

  // Body-parser refusals (too large, malformed JSON) answer in GraphQL's shape, never as an HTML page.
  app.use((error: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error.status === 413)
      return graphqlError(
        res,
        413,
        ErrorCode.PAYLOAD_TOO_LARGE,
        `The request is larger than ${env.REQUEST_SIZE_LIMIT}.`,
      );
    if (error.status === 400)
      return graphqlError(res, 400, ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.');
    logger.error({ err: error }, 'unexpected error');
    graphqlError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
  });

  return {
    httpServer,
    listen: listenOn(httpServer),
    stop: () =>
      shutdown.stop(httpServer, async () => {
        await apollo.stop();
        await rateLimiter.close();
      }),
  };
}
