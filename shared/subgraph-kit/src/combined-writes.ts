import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A data-modifying statement (one INSERT or UPDATE) and its parameters ($1, $2…), built but not yet
 * sent. `sent` runs once the statement carrying it has succeeded (the mutation audit marks its
 * transaction audited then, not when the write is built).
 */
export interface Write {
  sql: string;
  parameters: unknown[];
  sent?: () => void;
}

/**
 * Sends `writes` (those given) as one statement in the caller's transaction: each becomes a
 * data-modifying WITH query, which PostgreSQL runs exactly once and to completion whether or not
 * the statement reads it. A write about one record costs one round trip for the change, its
 * history row and its audit row instead of one each. The writes must not depend on each other's
 * effects: they see the same snapshot, in no promised order. Their parameters are renumbered
 * after the ones before; a write's text holds no `$` other than its parameters' (these statements
 * are built by repositories, never from input).
 */
export async function sendTogether(manager: EntityManager, writes: (Write | undefined)[]): Promise<void> {
  const given = writes.filter((write): write is Write => write !== undefined);
  const [only] = given;
  if (!only) return;
  if (given.length === 1) await manager.query(only.sql, only.parameters);
  else {
    let offset = 0;
    const queries = given.map((write, i) => {
      const shift = offset;
      offset += write.parameters.length;
      return `w${i} AS (${write.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + shift}`)})`;
    });
    await manager.query(
      `WITH ${queries.join(', ')} SELECT`,
      given.flatMap((write) => write.parameters),
    );
  }
  for (const write of given) write.sent?.();
}

/** A record locked for a change, and the transaction's timestamp, which `updated_at = now()` writes. */
export interface LockedRecord<T> {
  record: T;
  now: Date;
}

/**
 * The record with this id, locked FOR UPDATE, with `now()` read in the same statement: the record
 * after an update (`recordAfterUpdate`) is then known without reading it back.
 */
export async function lockRecord<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
): Promise<LockedRecord<T> | null> {
  const { entities, raw } = await manager
    .getRepository(entity)
    .createQueryBuilder('locked')
    .addSelect('now()', 'transaction_now')
    .where('locked.id = :id', { id })
    .setLock('pessimistic_write')
    .getRawAndEntities();
  const [record] = entities;
  const [row] = raw as { transaction_now: Date }[];
  return record && row ? { record, now: row.transaction_now } : null;
}

/**
 * `UPDATE <table> SET <changed columns>, <update date column> = now() WHERE id = $1`, as a write,
 * the columns named by the entity's mapping; undefined when nothing changes. Every key of
 * `changes` must be a column of the entity: a field the statement cannot write is a bug, not a
 * silent no-op.
 */
export function updateByIdWrite<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  changes: Partial<T>,
): Write | undefined {
  const fields = Object.keys(changes).filter((field) => changes[field] !== undefined);
  if (!fields.length) return undefined;
  const metadata = manager.connection.getMetadata(entity);
  const parameters: unknown[] = [id];
  const assignments = fields.map((field) => {
    const column = metadata.findColumnWithPropertyName(field);
    if (!column || column.isPrimary || column.isUpdateDate || column.isCreateDate)
      throw new Error(`${metadata.name}.${field} is not a column an update sets`);
    const value: unknown = changes[field];
    // As TypeORM sends them: JSON columns as text (a PostgreSQL array would be taken for one).
    parameters.push(
      (column.type === 'jsonb' || column.type === 'json') && value !== null ? JSON.stringify(value) : value,
    );
    return `${column.databaseName} = $${parameters.length}`;
  });
  const updated = metadata.updateDateColumn ? [`${metadata.updateDateColumn.databaseName} = now()`] : [];
  return {
    sql: `UPDATE ${metadata.tablePath} SET ${[...assignments, ...updated].join(', ')} WHERE id = $1`,
    parameters,
  };
}

/**
 * The record as `updateByIdWrite` leaves it: `before` with the changes, and the update date at
 * the transaction's `now` when anything changed (what reading it back would give, without the read).
 */
export function recordAfterUpdate<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  { record: before, now }: LockedRecord<T>,
  changes: Partial<T>,
): T {
  const after = Object.assign(Object.create(Object.getPrototypeOf(before) as object) as T, before);
  const changed = Object.entries(changes).filter(([, value]) => value !== undefined);
  if (!changed.length) return after;
  Object.assign(after, Object.fromEntries(changed));
  const updateDate = manager.connection.getMetadata(entity).updateDateColumn;
  if (updateDate) Object.assign(after, { [updateDate.propertyName]: now });
  return after;
}
