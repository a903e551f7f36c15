import {
  baseEnvSchema,
  DEV_INTERNAL_SIGNING_SECRET,
  GATEWAY,
  portSchema,
  refuseDevDefaultsInProduction,
  SUBGRAPHS,
  type SubgraphUrlVariable,
} from '@cadres/core';
import { z } from 'zod';

/** PERSONNEL_URL, TRAINING_URL, PLANNING_URL: each subgraph on this machine at its own port by default. */
const subgraphUrlVariables = Object.fromEntries(
  SUBGRAPHS.map(({ urlVariable, port }) => [urlVariable, z.string().url().default(`http://127.0.0.1:${port}/graphql`)]),
) as Record<SubgraphUrlVariable, z.ZodDefault<z.ZodString>>;

/**
 * DEVELOPMENT DEFAULT, NOT A SECRET: the HS256 key that `npm run token` signs development tokens
 * with. The gateway refuses to start with it in production, where keys come from a JWKS.
 */
export const DEV_AUTH_HS256_SECRET = 'dev-only-hs256-token-secret-do-not-deploy';

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const gatewayEnvSchema = refuseDevDefaultsInProduction(
  baseEnvSchema.extend({
    PORT: portSchema.default(GATEWAY.port),
    ...subgraphUrlVariables,
    /**
     * Processes serving the gateway's port (node:cluster); 1 runs it in this process. The in-memory
     * rate limit and every cache are per process: set REDIS_URL to share the rate limit.
     */
    GATEWAY_WORKERS: positive(1),
    /** Serve the Organization Committee's dashboard at /dashboard (all assets local). */
    DASHBOARD: z.stringbool().default(true),
    /**
     * The OpenID provider the dashboard signs users in with (authorization code + PKCE), the one
     * whose keys AUTH_JWKS_URL names; unset, the dashboard offers development tokens only outside
     * production (and nothing in production).
     */
    DASHBOARD_OIDC_AUTHORITY: z.string().url().optional(),
    DASHBOARD_OIDC_CLIENT_ID: z.string().optional(),
    DASHBOARD_OIDC_SCOPE: z.string().default('openid'),
    /** Serve GraphiQL at /graphiql (all assets local). */
    GRAPHIQL: z.stringbool().default(true),
    /**
     * Deadline of one gateway→subgraph call, answer included; past it the call is aborted and its
     * fields answer null with SUBGRAPH_TIMEOUT. At most 30 s: a call must end before the identity
     * header it carries (valid 60 s, reused up to 30 s) expires, so a stalled subgraph gives a
     * timeout, never a 401.
     */
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(10_000),
    /**
     * On SIGTERM, how long readiness answers 503 while requests are still served, before the port
     * closes: time for a load balancer to notice. Unset: 5 s in production, 100 ms otherwise.
     */
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).optional(),
    /** How long /health waits for each subgraph. */
    HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).default(2000),
    /**
     * Query plans kept (LRU, approximate MiB of their JSON; @apollo/gateway's default is 30). A plan
     * of the dossier is about 4.5 KB, so the default holds several thousand distinct operations.
     */
    QUERY_PLAN_CACHE_MB: positive(30),
    /** Automatic persisted queries: MiB of query text kept by hash (LRU); 0 turns them off. */
    PERSISTED_QUERIES_CACHE_MB: z.coerce.number().int().min(0).default(16),
    // --- authentication ------------------------------------------------------------------------
    /** HS256 key for tokens (development); ignored when a JWKS is configured. */
    AUTH_HS256_SECRET: z.string().min(32).default(DEV_AUTH_HS256_SECRET),
    /** RS256/ES256 public keys: a JWKS file, or a URL (fetched and cached). */
    AUTH_JWKS_FILE: z.string().optional(),
    AUTH_JWKS_URL: z.string().url().optional(),
    AUTH_ISSUER: z.string().optional(),
    AUTH_AUDIENCE: z.string().optional(),
    /** Signs the identity forwarded to subgraphs (shared with them). */
    INTERNAL_SIGNING_SECRET: z.string().min(32).default(DEV_INTERNAL_SIGNING_SECRET),
    /** Clock difference tolerated on a bearer token's `exp`, `nbf` and `iat` (seconds). */
    TOKEN_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    /** Verified bearer tokens remembered (each until its expiry, at most 5 minutes); 0 verifies every request. */
    TOKEN_CACHE_SIZE: z.coerce.number().int().min(0).default(10_000),
    /**
     * How long an identity built from a token and the signed header forwarded with it are reused.
     * The header lives 60 s, so at most 30 s of reuse leaves a subgraph 30 s of validity.
     */
    IDENTITY_CACHE_SECONDS: z.coerce.number().int().min(0).max(30).default(30),
    // --- operation limits and hygiene ----------------------------------------------------------
    MAX_DEPTH: positive(12),
    /**
     * Depth allowed to an operation that only introspects: the standard introspection query
     * (graphql-js getIntrospectionQuery, used by GraphiQL and graphql-codegen) is 13 deep.
     */
    INTROSPECTION_MAX_DEPTH: positive(15),
    /** Cost allowed to an operation that only introspects: the standard query costs 347,093 with GraphiQL's options. */
    INTROSPECTION_MAX_COST: positive(400_000),
    MAX_ALIASES: positive(30),
    MAX_TOKENS: positive(4000),
    /** Field count weighted by the `first` of the lists above each field. */
    MAX_COST: positive(50_000),
    REQUEST_SIZE_LIMIT: z.string().default('100kb'),
    /** Compress answers above 1 KB with brotli or gzip when the client accepts it. */
    COMPRESSION: z.enum(['on', 'off']).default('on'),
    /** Identical subgraph queries in flight at once (same query, variables and identity) share one call. */
    COALESCE_SUBGRAPH_QUERIES: z.enum(['on', 'off']).default('on'),
    /**
     * Identical client operations in flight (same document, name, variables and identity; a query,
     * not a partner's) are answered by one execution (operation-sharing.ts).
     */
    SHARE_IDENTICAL_OPERATIONS: z.enum(['on', 'off']).default('on'),
    /** Entity fetches of concurrent operations (same query and identity, not a partner's) share one call. */
    BATCH_ENTITY_FETCHES: z.enum(['on', 'off']).default('on'),
    /** Origins allowed to call from a browser, comma-separated. */
    CORS_ORIGINS: z.string().default(''),
    /**
     * Request headers a browser may send from those origins (comma-separated): what Apollo Client,
     * urql and OpenTelemetry's fetch instrumentation send, and the headers the CSRF refusal asks for.
     */
    CORS_ALLOWED_HEADERS: z
      .string()
      .default(
        'authorization,content-type,accept,x-request-id,apollo-require-preflight,x-apollo-operation-name,apollographql-client-name,apollographql-client-version,traceparent,tracestate',
      ),
    /** Response headers a browser lets a script read (beyond the CORS-safelisted ones). */
    CORS_EXPOSED_HEADERS: z.string().default('x-request-id,retry-after,www-authenticate,x-sql-statements'),
    /** How long a browser may cache a preflight's answer (Chromium caps it at 7200). */
    CORS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
    /**
     * Operations a batched request (a JSON array) may hold; each counts against the rate limit and
     * is held to the operation limits on its own. 0 refuses batches.
     */
    MAX_BATCH_SIZE: z.coerce.number().int().min(0).max(100).default(10),
    RATE_LIMIT_PER_MINUTE: positive(600),
    /**
     * Where the rate limit's counters live in Redis: deployments (or test platforms) sharing one
     * Redis keep apart by giving each its own prefix; replicas of one deployment share it.
     */
    RATE_LIMIT_KEY_PREFIX: z.string().min(1).default('cadres:rate'),
    /**
     * Proxies whose X-Forwarded-For is believed (Express's `trust proxy`: addresses, CIDR ranges,
     * or loopback/linklocal/uniquelocal, comma-separated). None by default: the address counted
     * for failed logins is then the connection's own, which no client can choose.
     */
    TRUSTED_PROXIES: z.string().default(''),
    /** Shared rate-limit counters across gateway replicas; in memory when unset. */
    REDIS_URL: z.string().url().optional(),
  }),
  { AUTH_HS256_SECRET: DEV_AUTH_HS256_SECRET, INTERNAL_SIGNING_SECRET: DEV_INTERNAL_SIGNING_SECRET },
);

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export function shutdownDrainMs(env: GatewayEnv): number {
  return env.SHUTDOWN_DRAIN_MS ?? (env.NODE_ENV === 'production' ? 5_000 : 100);
}

/**
 * How long a stop may take in all: the drain, then the requests in flight, each at most a few
 * sequential subgraph calls of SUBGRAPH_TIMEOUT_MS (a dossier's plan is three deep).
 */
export function shutdownGraceMs(env: GatewayEnv): number {
  return shutdownDrainMs(env) + 3 * env.SUBGRAPH_TIMEOUT_MS + 1_000;
}

export function subgraphUrls(env: GatewayEnv): Record<string, string> {
  return Object.fromEntries(SUBGRAPHS.map(({ name, urlVariable }) => [name, env[urlVariable]]));
}
