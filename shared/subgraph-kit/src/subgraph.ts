import {
  baseEnvSchema,
  createLogger,
  DEFAULT_REQUEST_SIGNATURE_MAX_AGE_MS,
  DEV_INTERNAL_SIGNING_SECRET,
  isUuid,
  initMetrics,
  loadEnvOrExit,
  portSchema,
  postgresUrlSchema,
  refuseDevDefaultsInProduction,
  scopeResolver,
  serveMetrics,
  stopOnSignals,
  subgraphService,
  type Logger,
  type SubgraphName,
} from '@cadres/core';
import type DataLoader from 'dataloader';
import type { GraphQLSchema } from 'graphql';
import { writeFileSync } from 'node:fs';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import { z } from 'zod';
import {
  createDataSource,
  DEFAULT_DEADLINES,
  poolOptions,
  runMigrations,
  SETUP_DEADLINES,
  type DatabaseDeadlines,
} from './database';
import {
  attachReadReplicas,
  DEFAULT_REPLICA_CHECK_INTERVAL_MS,
  DEFAULT_REPLICA_MAX_LAG_MS,
  ReadReplicas,
} from './read-replicas';
import { DEFAULT_PREPARED_STATEMENTS } from './prepared-statements';
import { printFederatedSchema } from './federation';
import { referenceCache } from './reference-cache';
import { personnelSubtrees } from './subgraph-client';
import { createSubgraphServer, type SubgraphServer } from './subgraph-server';
import { watchDataSource } from './metrics';

/** Everything that makes one subgraph what it is; the kit does the rest the same way for all three. */
export interface SubgraphDefinition<Repositories, Loaders> {
  /** Its entry in the federation's definition (shared/core/src/federation.ts), which gives its port. */
  name: SubgraphName;
  /** PostgreSQL schema the subgraph owns. */
  dbSchema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  /** Variables this subgraph needs beyond the common ones, validated with them at start. */
  extraEnv?: z.ZodRawShape;
  /** Builds the subgraph's repositories and services; `env` holds the parsed extra variables. */
  createRepositories(dataSource: DataSource, env: Record<string, unknown>): Repositories;
  createLoaders(repositories: Repositories): Loaders;
  buildSchema(repositories: Repositories): Promise<GraphQLSchema>;
  /**
   * Expands the subtree roots a caller was granted into every unit below them. Personnel owns the
   * org tree and reads it; the others leave this out and ask personnel (`PERSONNEL_URL`).
   */
  expandUnitSubtrees?(repositories: Repositories): (roots: string[]) => Promise<string[]>;
  /** Whether the subgraph has a `read_audit` table for partner reads of its sensitive fields. */
  auditsPartnerReads?: boolean;
  /** Loads the demo province into this subgraph's own tables when they are empty. */
  seedDemoData(dataSource: DataSource, logger: Logger, env: Record<string, unknown>): Promise<void>;
}

/** A duration in milliseconds, at most ten minutes. */
const milliseconds = z.coerce.number().int().min(0).max(600_000);

export function subgraphEnvSchema(defaultPort: number, extra: z.ZodRawShape = {}) {
  const schema = baseEnvSchema.extend({
    ...extra,
    /** Verifies the identities the gateway forwards, and signs this subgraph's calls to others. */
    INTERNAL_SIGNING_SECRET: z.string().min(32).default(DEV_INTERNAL_SIGNING_SECRET),
    /** How long a signed request (request-signature.ts) is accepted after, or before, it was signed. */
    REQUEST_SIGNATURE_MAX_AGE_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(60_000)
      .default(DEFAULT_REQUEST_SIGNATURE_MAX_AGE_MS),
    PORT: portSchema.default(defaultPort),
    DATABASE_URL: postgresUrlSchema,
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /**
     * Streaming replicas of DATABASE_URL's server, comma-separated: read-only requests read from
     * them (read-replicas.ts). Empty (default): everything on DATABASE_URL.
     */
    DATABASE_REPLICA_URLS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((url) => url.trim())
          .filter(Boolean),
      )
      .pipe(z.array(postgresUrlSchema)),
    /** A replica further behind the primary than this gets no reads until it catches up. */
    DATABASE_REPLICA_MAX_LAG_MS: milliseconds.min(1).default(DEFAULT_REPLICA_MAX_LAG_MS),
    /** How often each replica's lag (and the primary's WAL position) is checked. */
    DATABASE_REPLICA_CHECK_INTERVAL_MS: milliseconds.min(50).default(DEFAULT_REPLICA_CHECK_INTERVAL_MS),
    /** Distinct statements each process prepares once per connection; 0 behind a pooler that cannot keep them. */
    DATABASE_PREPARED_STATEMENTS: z.coerce.number().int().min(0).max(10_000).default(DEFAULT_PREPARED_STATEMENTS),
    /** Apply pending migrations at start (the one-command start does; a deployment may run them as a job). */
    MIGRATE_ON_START: z.stringbool().default(true),
    /** Load the demo province into empty tables at start. */
    SEED_DEMO_DATA: z.stringbool().default(false),
    /** PostgreSQL cancels a statement running longer (`statement_timeout`); 0: no limit. */
    DATABASE_STATEMENT_TIMEOUT_MS: milliseconds.default(DEFAULT_DEADLINES.statementTimeoutMs),
    /** A statement waiting longer for a lock gives up (`lock_timeout`); 0: no limit. */
    DATABASE_LOCK_TIMEOUT_MS: milliseconds.default(DEFAULT_DEADLINES.lockTimeoutMs),
    /** A transaction idle this long is ended (`idle_in_transaction_session_timeout`); 0: no limit. */
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds.default(DEFAULT_DEADLINES.idleInTransactionTimeoutMs),
    /** How long a request waits for a pooled connection or a new one; 0: forever. */
    DATABASE_ACQUIRE_TIMEOUT_MS: milliseconds.default(DEFAULT_DEADLINES.acquireTimeoutMs),
    /** Statement and lock limit for migrations and demo seeding at start; 0 (default): none. */
    DATABASE_SETUP_TIMEOUT_MS: milliseconds.default(0),
    /** How long readiness waits for the database to answer before reporting 503. */
    HEALTH_DATABASE_TIMEOUT_MS: milliseconds.min(50).default(1000),
    /** After SIGTERM: how long readiness reports 503 while requests are still served (default 5000 in production, else 100). */
    SHUTDOWN_DRAIN_MS: milliseconds.optional(),
    /** After the drain: how long in-flight requests may take before their connections are closed. */
    SHUTDOWN_GRACE_MS: milliseconds.default(10_000),
    /** Longest pause between attempts to connect, migrate and seed while the database is not there. */
    STARTUP_RETRY_MAX_MS: milliseconds.min(100).default(5000),
  });
  return refuseDevDefaultsInProduction(schema, { INTERNAL_SIGNING_SECRET: DEV_INTERNAL_SIGNING_SECRET });
}

export type SubgraphEnv = z.infer<ReturnType<typeof subgraphEnvSchema>>;

export interface RunningSubgraph<Repositories> extends SubgraphServer {
  dataSource: DataSource;
  repositories: Repositories;
  /** The read replicas (DATABASE_REPLICA_URLS), when there are any. */
  replicas?: ReadReplicas;
  /**
   * One attempt to connect, migrate and seed as configured, and start the reference cache; the
   * subgraph is ready when it resolves. Throws when the database refuses (the caller may retry).
   */
  connect(): Promise<void>;
}

type TunableEnv =
  | 'DATABASE_REPLICA_URLS'
  | 'DATABASE_REPLICA_MAX_LAG_MS'
  | 'DATABASE_REPLICA_CHECK_INTERVAL_MS'
  | 'DATABASE_STATEMENT_TIMEOUT_MS'
  | 'DATABASE_LOCK_TIMEOUT_MS'
  | 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'
  | 'DATABASE_ACQUIRE_TIMEOUT_MS'
  | 'DATABASE_SETUP_TIMEOUT_MS'
  | 'HEALTH_DATABASE_TIMEOUT_MS'
  | 'SHUTDOWN_DRAIN_MS'
  | 'SHUTDOWN_GRACE_MS';

/** What `createSubgraph` needs; the deadlines and shutdown delays default as in `subgraphEnvSchema` (no drain delay). */
export type SubgraphStartEnv = Pick<
  SubgraphEnv,
  | 'DATABASE_URL'
  | 'DATABASE_POOL_SIZE'
  | 'DATABASE_PREPARED_STATEMENTS'
  | 'MIGRATE_ON_START'
  | 'SEED_DEMO_DATA'
  | 'INTERNAL_SIGNING_SECRET'
> &
  Partial<Pick<SubgraphEnv, TunableEnv>> &
  Record<string, unknown>;

function servingDeadlines(env: SubgraphStartEnv): DatabaseDeadlines {
  return {
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS ?? DEFAULT_DEADLINES.statementTimeoutMs,
    lockTimeoutMs: env.DATABASE_LOCK_TIMEOUT_MS ?? DEFAULT_DEADLINES.lockTimeoutMs,
    idleInTransactionTimeoutMs:
      env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS ?? DEFAULT_DEADLINES.idleInTransactionTimeoutMs,
    acquireTimeoutMs: env.DATABASE_ACQUIRE_TIMEOUT_MS ?? DEFAULT_DEADLINES.acquireTimeoutMs,
  };
}

function setupDeadlines(env: SubgraphStartEnv): DatabaseDeadlines {
  const limit = env.DATABASE_SETUP_TIMEOUT_MS ?? 0;
  return { ...SETUP_DEADLINES, statementTimeoutMs: limit, lockTimeoutMs: limit };
}

/**
 * Builds the subgraph and connects it (one attempt): resolves ready, or throws. For tests and
 * tools; a service process uses `prepareSubgraph`, listens at once and connects with retries.
 */
export async function createSubgraph<R, L>(
  definition: SubgraphDefinition<R, L>,
  env: SubgraphStartEnv,
  logger: Logger,
): Promise<RunningSubgraph<R>> {
  const subgraph = await prepareSubgraph(definition, env, logger);
  try {
    await subgraph.connect();
  } catch (error) {
    await subgraph.stop().catch(() => undefined);
    throw error;
  }
  return subgraph;
}

/**
 * Builds the app (schema, routes, health) without touching the database, so the process can
 * listen at once: live, not ready, until `connect()` succeeds. Nothing here needs a connection:
 * repositories and the schema are built as for printing the SDL.
 */
export async function prepareSubgraph<R, L>(
  definition: SubgraphDefinition<R, L>,
  env: SubgraphStartEnv,
  logger: Logger,
): Promise<RunningSubgraph<R>> {
  const databaseOptions = {
    url: env.DATABASE_URL,
    schema: definition.dbSchema,
    entities: definition.entities,
    migrations: definition.migrations,
    logger,
  };
  const servingOptions = {
    poolSize: env.DATABASE_POOL_SIZE,
    preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
    deadlines: servingDeadlines(env),
  };
  const dataSource = createDataSource({ ...databaseOptions, ...servingOptions });
  const replicas = env.DATABASE_REPLICA_URLS?.length
    ? new ReadReplicas({
        urls: env.DATABASE_REPLICA_URLS,
        maxLagMs: env.DATABASE_REPLICA_MAX_LAG_MS ?? DEFAULT_REPLICA_MAX_LAG_MS,
        checkIntervalMs: env.DATABASE_REPLICA_CHECK_INTERVAL_MS ?? DEFAULT_REPLICA_CHECK_INTERVAL_MS,
        schema: definition.dbSchema,
        logger,
        poolConfig: poolOptions({ schema: definition.dbSchema, ...servingOptions }),
      })
    : undefined;
  if (replicas) attachReadReplicas(dataSource, replicas, definition.dbSchema);
  const repositories = definition.createRepositories(dataSource, env);
  const server = await createSubgraphServer({
    name: definition.name,
    schema: await definition.buildSchema(repositories),
    dataSource,
    logger,
    createLoaders: () => definition.createLoaders(repositories),
    signingSecret: env.INTERNAL_SIGNING_SECRET,
    requestSignatureMaxAgeMs: env.REQUEST_SIGNATURE_MAX_AGE_MS as number | undefined,
    resolveScope: scopeResolver(
      definition.expandUnitSubtrees?.(repositories) ??
        ((roots) =>
          personnelSubtrees(env.PERSONNEL_URL as string | undefined, roots, {
            signingSecret: env.INTERNAL_SIGNING_SECRET,
            caller: definition.name,
          })),
    ),
    auditReads: definition.auditsPartnerReads ?? false,
    healthDatabaseTimeoutMs: env.HEALTH_DATABASE_TIMEOUT_MS,
    stopGracePeriodMs: env.SHUTDOWN_GRACE_MS,
  });
  const references = referenceCache(dataSource);
  const unwatch = watchDataSource(definition.dbSchema, dataSource, () => references.listening);
  let stopped = false;

  const connect = async () => {
    if (env.MIGRATE_ON_START || env.SEED_DEMO_DATA) {
      // Setup runs on connections of its own, without the request deadlines: a migration may
      // rewrite a table or wait for another replica's migration lock longer than any request.
      const setup = createDataSource({
        ...databaseOptions,
        poolSize: 2,
        deadlines: setupDeadlines(env),
        role: 'setup',
      });
      await initializeOrReset(setup);
      try {
        if (env.MIGRATE_ON_START) {
          const applied = await runMigrations(setup, definition.dbSchema);
          if (applied.length) logger.info({ applied }, 'migrations applied');
        }
        if (env.SEED_DEMO_DATA) await definition.seedDemoData(setup, logger, env);
      } finally {
        await setup.destroy();
      }
    }
    if (stopped) return;
    if (!dataSource.isInitialized) await initializeOrReset(dataSource);
    await references.start(logger);
    // Replicas are checked from now on; until a check finds one within the lag, reads use the primary.
    await replicas?.start();
    if (!stopped) server.readiness.ready();
  };

  const stop = async () => {
    stopped = true;
    server.readiness.stopping();
    try {
      await server.stop();
    } finally {
      unwatch();
      await references.close();
      await replicas?.close();
    }
  };
  return { ...server, stop, connect, dataSource, repositories, replicas };
}

/**
 * `initialize()`, and when it fails, closes the pool it may have left behind, so that the next
 * attempt starts clean instead of leaking one pool per failed attempt.
 */
async function initializeOrReset(dataSource: DataSource): Promise<void> {
  try {
    await dataSource.initialize();
  } catch (error) {
    if (!dataSource.isInitialized)
      await (dataSource.driver as unknown as { disconnect(): Promise<void> }).disconnect().catch(() => undefined);
    throw error;
  }
}

/**
 * Connects, migrates and seeds, again and again with a growing pause (and some jitter, so that
 * replicas do not knock together), until it works or the subgraph stops. A database that is not
 * there yet is an ordinary state to wait out, not a reason to exit.
 */
export async function connectWithRetry(
  connect: () => Promise<void>,
  logger: Logger,
  options: { maxDelayMs: number; stopped: () => boolean },
): Promise<boolean> {
  for (let attempt = 1, delay = 200; ; attempt++) {
    try {
      await connect();
      return true;
    } catch (error) {
      if (options.stopped()) return false;
      const pause = Math.round(delay * (0.75 + Math.random() / 2));
      logger.warn({ err: error, attempt, retryInMs: pause }, 'database not available yet; not ready, retrying');
      await new Promise((resolve) => setTimeout(resolve, pause));
      if (options.stopped()) return false;
      delay = Math.min(delay * 2, options.maxDelayMs);
    }
  }
}

/**
 * `node dist/index.js migrate`: applies the subgraph's pending migrations (under the same advisory
 * lock as a start) and exits, 0 when done, 1 when the database refuses. Deployments run it as a
 * job before the new version's pods, which then start with MIGRATE_ON_START=false.
 */
export async function migrateSubgraph<R, L>(
  definition: SubgraphDefinition<R, L>,
  env: SubgraphStartEnv,
  logger: Logger,
): Promise<string[]> {
  const setup = createDataSource({
    url: env.DATABASE_URL,
    schema: definition.dbSchema,
    entities: definition.entities,
    migrations: definition.migrations,
    logger,
    // Two: one holds the migration lock while TypeORM runs the migrations on the other.
    poolSize: 2,
    deadlines: setupDeadlines(env),
    role: 'migrate',
  });
  await initializeOrReset(setup);
  try {
    return await runMigrations(setup, definition.dbSchema);
  } finally {
    await setup.destroy();
  }
}

/** The process entry point: validated env, JSON logs, listen, stop cleanly on SIGTERM/SIGINT; or `migrate` and exit. */
export async function runSubgraph<R, L>(definition: SubgraphDefinition<R, L>): Promise<void> {
  const env = loadEnvOrExit(
    subgraphEnvSchema(subgraphService(definition.name).port, definition.extraEnv),
    definition.name,
  );
  const logger = createLogger(definition.name, env.LOG_LEVEL);
  if (process.argv[2] === 'migrate') {
    try {
      const applied = await migrateSubgraph(definition, env, logger);
      logger.info({ applied }, `${definition.name}: ${applied.length} migration(s) applied; schema current`);
      process.exit(0);
    } catch (error) {
      logger.fatal({ err: error }, `${definition.name}: migrations failed`);
      process.exit(1);
    }
  }
  initMetrics(definition.name);
  const drainMs = env.SHUTDOWN_DRAIN_MS ?? (env.NODE_ENV === 'production' ? 5000 : 100);
  let stopping = false;
  try {
    const subgraph = await prepareSubgraph(definition, env, logger);
    stopOnSignals(
      async () => {
        stopping = true;
        // Readiness turns 503 first; requests still arriving during the drain are served while
        // load balancers take the replica out; then the port closes and in-flight requests finish.
        subgraph.readiness.stopping();
        await new Promise((resolve) => setTimeout(resolve, drainMs));
        await subgraph.stop();
      },
      logger,
      drainMs + env.SHUTDOWN_GRACE_MS + 5000,
    );
    // Scraped on a port of its own, never the public one.
    if (env.METRICS_PORT !== undefined)
      logger.info(
        { port: (await serveMetrics(env.METRICS_PORT, env.METRICS_HOST ?? env.HOST)).port },
        'metrics at /metrics',
      );
    const address = await subgraph.listen(env.PORT, env.HOST);
    logger.info({ port: address.port }, `${definition.name} subgraph listening; connecting to its database`);
    if (
      await connectWithRetry(() => subgraph.connect(), logger, {
        maxDelayMs: env.STARTUP_RETRY_MAX_MS,
        stopped: () => stopping,
      })
    ) {
      logger.info({ port: address.port }, `${definition.name} subgraph ready`);
    }
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  }
}

/** The subgraph's SDL (what the gateway composes), built without touching a database. */
export async function printSubgraphSdl<R, L>(definition: SubgraphDefinition<R, L>): Promise<string> {
  const dataSource = createDataSource({
    url: 'postgres://schema-emission.invalid/none',
    schema: definition.dbSchema,
    entities: definition.entities,
    migrations: definition.migrations,
    logger: createLogger(definition.name, 'silent'),
  });
  return printFederatedSchema(await definition.buildSchema(definition.createRepositories(dataSource, {})));
}

/** Writes the SDL to the committed schema file, so a diff shows every API change. */
export async function emitSchema<R, L>(definition: SubgraphDefinition<R, L>, path: string): Promise<void> {
  writeFileSync(path, await printSubgraphSdl(definition));
}

/**
 * A `__resolveReference` that goes through a DataLoader, so one `_entities` call with many
 * representations costs one query. Malformed ids resolve to null instead of reaching SQL.
 */
export function referenceResolver<Context, Entity>(loaderOf: (context: Context) => DataLoader<string, Entity | null>) {
  return {
    __resolveReference: (reference: { id: string }, context: Context) =>
      isUuid(reference.id) ? loaderOf(context).load(reference.id.toLowerCase()) : null,
  };
}
