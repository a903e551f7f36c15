import type { Logger } from 'pino';
import { DataSource, type EntityManager, type EntitySchema, type MixedList, type ObjectLiteral } from 'typeorm';
import { preparingClient, StatementNames } from './prepared-statements';
import { StatementCountingLogger } from './sql-statements';

/**
 * How long the database may keep a request waiting. Without them a locked table or an exhausted
 * pool holds a request (and its connection) for as long as the lock lasts; with them the request
 * gets DATABASE_TIMEOUT and PostgreSQL cancels the abandoned statement, so the connection is free
 * again. 0 means no limit.
 */
export interface DatabaseDeadlines {
  /** `statement_timeout`: PostgreSQL cancels a statement that runs longer. */
  statementTimeoutMs: number;
  /** `lock_timeout`: a statement waiting this long for a lock (a row, a table) gives up. */
  lockTimeoutMs: number;
  /** `idle_in_transaction_session_timeout`: a transaction left open without a statement is ended. */
  idleInTransactionTimeoutMs: number;
  /** How long a request waits for a pooled connection, or for a new one to open. */
  acquireTimeoutMs: number;
}

/** The defaults `subgraphEnvSchema` documents (a dossier costs tens of milliseconds). */
export const DEFAULT_DEADLINES: DatabaseDeadlines = {
  statementTimeoutMs: 5000,
  lockTimeoutMs: 3000,
  idleInTransactionTimeoutMs: 30_000,
  acquireTimeoutMs: 3000,
};

/**
 * For migrations, demo seeding and bulk generation: they rewrite whole tables and wait on the
 * advisory lock of another replica migrating, legitimately for longer than any request.
 */
export const SETUP_DEADLINES: DatabaseDeadlines = {
  statementTimeoutMs: 0,
  lockTimeoutMs: 0,
  idleInTransactionTimeoutMs: 0,
  acquireTimeoutMs: 10_000,
};

export interface SubgraphDatabaseOptions {
  url: string;
  /** The PostgreSQL schema this subgraph owns; its migrations table lives there too. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  /** How many distinct statements each process prepares (0: none, e.g. behind a pooler that cannot keep them). */
  preparedStatements?: number;
  logger: Logger;
  /** Default: `DEFAULT_DEADLINES`. */
  deadlines?: DatabaseDeadlines;
  /** Added to the connection's application_name, so pg_stat_activity tells a setup connection from a serving one. */
  role?: string;
}

export function createDataSource(options: SubgraphDatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logger: new StatementCountingLogger(options.logger),
    maxQueryExecutionTime: 500,
    extra: poolOptions(options),
  });
}

/**
 * node-postgres pool options of a subgraph's connections: its size, name in pg_stat_activity,
 * deadlines, search path and prepared statements. The primary's pool and each read replica's
 * (read-replicas.ts) are made alike from them.
 */
export function poolOptions(
  options: Pick<SubgraphDatabaseOptions, 'schema' | 'poolSize' | 'preparedStatements' | 'deadlines' | 'role'>,
) {
  return {
    max: options.poolSize ?? 10,
    application_name: `cadres-${options.schema}${options.role ? `-${options.role}` : ''}`,
    ...postgresDeadlines(options.deadlines ?? DEFAULT_DEADLINES),
    // Raw SQL names tables unqualified and finds them in the subgraph's own schema.
    options: `-c search_path=${options.schema},public`,
    ...(options.preparedStatements ? { Client: preparingClient(new StatementNames(options.preparedStatements)) } : {}),
  };
}

/** The deadlines as node-postgres pool options: the server-side ones are set on every connection at its start. */
export function postgresDeadlines(deadlines: DatabaseDeadlines) {
  return {
    statement_timeout: deadlines.statementTimeoutMs,
    lock_timeout: deadlines.lockTimeoutMs,
    idle_in_transaction_session_timeout: deadlines.idleInTransactionTimeoutMs,
    connectionTimeoutMillis: deadlines.acquireTimeoutMs,
  };
}

/**
 * Applies the subgraph's pending migrations. A session-level advisory lock serialises replicas
 * (and parallel test workers) that start at once; the schema is created first because TypeORM
 * puts its migrations table inside it.
 */
export async function runMigrations(dataSource: DataSource, schema: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`cadres-migrations:${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`cadres-migrations:${schema}`])
      .catch(() => undefined);
    await runner.release();
  }
}

/**
 * Runs `seed` in one transaction if `isEmpty` says the subgraph's tables hold nothing yet. The
 * transaction-level advisory lock keeps two replicas starting together from both seeding.
 */
export async function seedWhenEmpty(
  dataSource: DataSource,
  lockName: string,
  isEmpty: (manager: EntityManager) => Promise<boolean>,
  seed: (manager: EntityManager) => Promise<void>,
): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`cadres-seed:${lockName}`]);
    if (!(await isEmpty(manager))) return false;
    await seed(manager);
    return true;
  });
}

/** Bulk insert in statements of `size` rows (PostgreSQL allows 65,535 parameters per statement). */
export async function insertInChunks<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: new () => T,
  rows: Partial<T>[],
  size = 1000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await manager.insert(entity, rows.slice(i, i + size));
}
