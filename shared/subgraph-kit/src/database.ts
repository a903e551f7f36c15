import type { Logger } from 'pino';
import { DataSource, type EntityManager, type EntitySchema, type MixedList, type ObjectLiteral } from 'typeorm';
import { preparingClient, StatementNames } from './prepared-statements';
import { StatementCountingLogger } from './sql-statements';

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
    // Raw SQL names tables unqualified and finds them in the subgraph's own schema.
    extra: {
      max: options.poolSize ?? 10,
      application_name: `cadres-${options.schema}`,
      options: `-c search_path=${options.schema},public`,
      ...(options.preparedStatements ? { Client: preparingClient(new StatementNames(options.preparedStatements)) } : {}),
    },
  });
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
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`cadres-migrations:${schema}`]).catch(() => undefined);
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
export async function insertInChunks<T extends ObjectLiteral>(manager: EntityManager, entity: new () => T, rows: Partial<T>[], size = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await manager.insert(entity, rows.slice(i, i + size) as never);
}
