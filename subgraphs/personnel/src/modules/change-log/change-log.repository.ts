import { sendTogether, type Write } from '@cadres/subgraph-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { ChangeLogEntry } from './change-log.entity';

/** Who is making a change; recorded with it. */
export interface Actor {
  actor: string;
  requestId: string | null;
}

export interface Change {
  action: string;
  entity: string;
  entityId: string;
  cadreId?: string | null;
  decisionId?: string | null;
  before?: unknown;
  after?: unknown;
}

export class ChangeLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * change-log.append: inside the caller's transaction, so the entry exists exactly when the change
   * does; with `along` (the change itself, its audit row) in the same statement (`sendTogether`).
   * One array per column (`unnest`): one statement text whatever the number of entries.
   */
  async append(manager: EntityManager, by: Actor, changes: Change[], ...along: (Write | undefined)[]): Promise<void> {
    const history: Write | undefined = changes.length
      ? {
          sql: `/* change-log.append */ INSERT INTO change_log (actor, request_id, action, entity, entity_id, cadre_id, decision_id, before, after)
                SELECT $1, $2, * FROM unnest(CAST($3 AS varchar[]), CAST($4 AS varchar[]), CAST($5 AS uuid[]), CAST($6 AS uuid[]), CAST($7 AS uuid[]), CAST($8 AS jsonb[]), CAST($9 AS jsonb[]))`,
          parameters: [
            by.actor,
            by.requestId,
            changes.map((change) => change.action),
            changes.map((change) => change.entity),
            changes.map((change) => change.entityId),
            changes.map((change) => change.cadreId ?? null),
            changes.map((change) => change.decisionId ?? null),
            changes.map((change) => asJson(change.before)),
            changes.map((change) => asJson(change.after)),
          ],
        }
      : undefined;
    await sendTogether(manager, [...along, history]);
  }

  /** change-log.findFor: newest first, by the entity changed or by the cadre concerned. */
  findFor(criteria: { entityId?: string; cadreId?: string }, limit: number): Promise<ChangeLogEntry[]> {
    const query = this.dataSource
      .getRepository(ChangeLogEntry)
      .createQueryBuilder('c')
      .orderBy('c.id', 'DESC')
      .limit(limit);
    if (criteria.entityId) query.andWhere('c.entity_id = :entityId', { entityId: criteria.entityId });
    if (criteria.cadreId) query.andWhere('c.cadre_id = :cadreId', { cadreId: criteria.cadreId });
    return query.getMany();
  }
}

/** A value as its jsonb column holds it: none is SQL NULL (as TypeORM sends it), not JSON null. */
function asJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
