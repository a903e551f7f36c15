import { createLogger } from '@cadres/core';
import { createDataSource, runMigrations, SETUP_DEADLINES, type SubgraphDefinition } from '@cadres/subgraph-kit';
import type { DataSource } from 'typeorm';
import { testDatabaseUrl } from './subgraph-harness';

/**
 * What a subgraph's schema consists of, read from PostgreSQL's catalog (no pg_dump, so it runs on
 * the embedded server too): columns, constraints, indexes, triggers, functions, views, sequences
 * and enum or domain types, each with the definition PostgreSQL itself prints, sorted.
 */
export interface SchemaShape {
  columns: string[];
  constraints: string[];
  indexes: string[];
  triggers: string[];
  functions: string[];
  views: string[];
  sequences: string[];
  types: string[];
}

const SHAPE_QUERIES: Record<keyof SchemaShape, string> = {
  columns: `SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
            FROM information_schema.columns WHERE table_schema = $1`,
  constraints: `SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line FROM pg_constraint WHERE connamespace = $1::regnamespace`,
  indexes: `SELECT indexdef AS line FROM pg_indexes WHERE schemaname = $1`,
  triggers: `SELECT pg_get_triggerdef(t.oid) AS line FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = $1::regnamespace AND NOT t.tgisinternal`,
  functions: `SELECT pg_get_functiondef(oid) AS line FROM pg_proc WHERE pronamespace = $1::regnamespace`,
  views: `SELECT table_name || ': ' || view_definition AS line FROM information_schema.views WHERE table_schema = $1`,
  sequences: `SELECT sequence_name || ' ' || data_type AS line FROM information_schema.sequences WHERE sequence_schema = $1`,
  types: `SELECT typname || ' ' || typtype::text AS line FROM pg_type WHERE typnamespace = $1::regnamespace AND typtype IN ('e', 'd')`,
};

export async function schemaShape(dataSource: DataSource, schema: string): Promise<SchemaShape> {
  const shape = {} as SchemaShape;
  for (const [part, sql] of Object.entries(SHAPE_QUERIES) as [keyof SchemaShape, string][]) {
    const rows: { line: string }[] = await dataSource.query(sql, [schema]);
    shape[part] = rows.map((row) => row.line).sort();
  }
  return shape;
}

export interface MigrationRoundTrip {
  /** The schema as the template's migrations left it. */
  before: SchemaShape;
  /** Tables left once every migration is reverted (the migrations table only, if the downs are complete). */
  tablesWhenDown: string[];
  /** The schema once every migration has run again. */
  after: SchemaShape;
  migrations: number;
}

/**
 * Reverts every migration of the subgraph, newest first, in the test file's database, then applies
 * them all again, reading the schema before and after: a `down` that forgets an index, or an `up`
 * that only works on top of a state the `down` did not restore, shows as a difference.
 */
export async function migrationRoundTrip<R, L>(definition: SubgraphDefinition<R, L>): Promise<MigrationRoundTrip> {
  const dataSource = createDataSource({
    url: testDatabaseUrl(),
    schema: definition.dbSchema,
    entities: definition.entities,
    migrations: definition.migrations,
    logger: createLogger(`${definition.name}-migrations`, process.env.TEST_LOG_LEVEL ?? 'silent'),
    poolSize: 2,
    deadlines: SETUP_DEADLINES,
    role: 'migrate',
  });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource, definition.dbSchema);
    const before = await schemaShape(dataSource, definition.dbSchema);
    for (let i = 0; i < definition.migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables: { table_name: string }[] = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
      [definition.dbSchema],
    );
    await runMigrations(dataSource, definition.dbSchema);
    return {
      before,
      tablesWhenDown: tables.map((row) => row.table_name),
      after: await schemaShape(dataSource, definition.dbSchema),
      migrations: definition.migrations.length,
    };
  } finally {
    await dataSource.destroy();
  }
}
