import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Rows per statement: large enough that per-statement costs vanish, small enough to stay a few MB. */
const ROWS_PER_STATEMENT = 5000;

/**
 * Inserts many rows of one entity in few statements: each sends its rows as one JSON array that
 * `json_populate_recordset` turns into the table's own row type, so PostgreSQL converts every value
 * (dates, enums as text, jsonb, arrays) as the entity declares it, with one parameter a statement.
 * Columns come from the entity's metadata (property → column name); a column no row sets keeps its
 * default. Triggers and constraints run as for any insert.
 */
export async function bulkInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: Partial<T>[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const metadata = manager.connection.getMetadata(entity);
  const present = new Set(rows.flatMap((row) => Object.keys(row)));
  const columns = metadata.columns.filter(
    (c) => c.isInsert && !c.isVirtual && !c.generatedType && present.has(c.propertyName),
  );
  const table = `"${metadata.schema ?? 'public'}"."${metadata.tableName}"`;
  const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const json = rows
      .slice(i, i + ROWS_PER_STATEMENT)
      .map((row) => Object.fromEntries(columns.map((c) => [c.databaseName, row[c.propertyName] ?? null])));
    await manager.query(
      `INSERT INTO ${table} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${table}, $1::json)`,
      [JSON.stringify(json)],
    );
  }
  return rows.length;
}
