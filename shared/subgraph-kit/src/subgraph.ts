import {
  baseEnvSchema,
  createLogger,
  DEFAULT_REQUEST_SIGNATURE_MAX_AGE_MS,
  DEV_INTERNAL_SIGNING_SECRET,
  isUuid,
  loadEnvOrExit,
  portSchema,
  postgresUrlSchema,
  refuseDevDefaultsInProduction,
  scopeResolver,
  stopOnSignals,
  type Logger,
} from '@cadres/core';
import type DataLoader from 'dataloader';
import type { GraphQLSchema } from 'graphql';
import { writeFileSync } from 'node:fs';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import { z } from 'zod';
import { createDataSource, runMigrations } from './database';
import { DEFAULT_PREPARED_STATEMENTS } from './prepared-statements';
import { printFederatedSchema } from './federation';
import { referenceCache } from './reference-cache';
import { personnelSubtrees } from './subgraph-client';
import { createSubgraphServer, type SubgraphServer } from './subgraph-server';

/** Everything that makes one subgraph what it is; the kit does the rest the same way for all three. */
export interface SubgraphDefinition<Repositories, Loaders> {
  name: string;
  /** PostgreSQL schema the subgraph owns. */
  dbSchema: string;
  defaultPort: number;
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

export function subgraphEnvSchema(defaultPort: number, extra: z.ZodRawShape = {}) {
  const schema = baseEnvSchema.extend({
    ...extra,
    /** Verifies the identities the gateway forwards, and signs this subgraph's calls to others. */
    INTERNAL_SIGNING_SECRET: z.string().min(32).default(DEV_INTERNAL_SIGNING_SECRET),
    /** How long a signed request (request-signature.ts) is accepted after, or before, it was signed. */
    REQUEST_SIGNATURE_MAX_AGE_MS: z.coerce.number().int().min(100).max(60_000).default(DEFAULT_REQUEST_SIGNATURE_MAX_AGE_MS),
    PORT: portSchema.default(defaultPort),
    DATABASE_URL: postgresUrlSchema,
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** Distinct statements each process prepares once per connection; 0 behind a pooler that cannot keep them. */
    DATABASE_PREPARED_STATEMENTS: z.coerce.number().int().min(0).max(10_000).default(DEFAULT_PREPARED_STATEMENTS),
    /** Apply pending migrations at start (the one-command start does; a deployment may run them as a job). */
    MIGRATE_ON_START: z.stringbool().default(true),
    /** Load the demo province into empty tables at start. */
    SEED_DEMO_DATA: z.stringbool().default(false),
  });
  return refuseDevDefaultsInProduction(schema, { INTERNAL_SIGNING_SECRET: DEV_INTERNAL_SIGNING_SECRET });
}

export type SubgraphEnv = z.infer<ReturnType<typeof subgraphEnvSchema>>;

export interface RunningSubgraph<Repositories> extends SubgraphServer {
  dataSource: DataSource;
  repositories: Repositories;
}

/** `createServer()`: connects, migrates and seeds as configured, builds the app; does not listen. */
export async function createSubgraph<R, L>(
  definition: SubgraphDefinition<R, L>,
  env: Pick<SubgraphEnv, 'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'DATABASE_PREPARED_STATEMENTS' | 'MIGRATE_ON_START' | 'SEED_DEMO_DATA' | 'INTERNAL_SIGNING_SECRET'> &
    Record<string, unknown>,
  logger: Logger,
): Promise<RunningSubgraph<R>> {
  const dataSource = createDataSource({
    url: env.DATABASE_URL,
    schema: definition.dbSchema,
    entities: definition.entities,
    migrations: definition.migrations,
    poolSize: env.DATABASE_POOL_SIZE,
    preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
    logger,
  });
  await dataSource.initialize();
  try {
    if (env.MIGRATE_ON_START) {
      const applied = await runMigrations(dataSource, definition.dbSchema);
      if (applied.length) logger.info({ applied }, 'migrations applied');
    }
    if (env.SEED_DEMO_DATA) await definition.seedDemoData(dataSource, logger, env);
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
          ((roots) => personnelSubtrees(env.PERSONNEL_URL as string | undefined, roots, { signingSecret: env.INTERNAL_SIGNING_SECRET, caller: definition.name })),
      ),
      auditReads: definition.auditsPartnerReads ?? false,
    });
    const references = referenceCache(dataSource);
    await references.start(logger);
    const stop = async () => {
      await references.close();
      await server.stop();
    };
    return { ...server, stop, dataSource, repositories };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/** The process entry point: validated env, JSON logs, listen, stop cleanly on SIGTERM/SIGINT. */
export async function runSubgraph<R, L>(definition: SubgraphDefinition<R, L>): Promise<void> {
  const env = loadEnvOrExit(subgraphEnvSchema(definition.defaultPort, definition.extraEnv), definition.name);
  const logger = createLogger(definition.name, env.LOG_LEVEL);
  try {
    const subgraph = await createSubgraph(definition, env, logger);
    stopOnSignals(() => subgraph.stop(), logger);
    const address = await subgraph.listen(env.PORT, env.HOST);
    logger.info({ port: address.port }, `${definition.name} subgraph ready`);
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
