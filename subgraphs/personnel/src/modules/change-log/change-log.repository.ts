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

  /** change-log.append: inside the caller's transaction, so the entry exists exactly when the change does. */
  async append(manager: EntityManager, by: Actor, changes: Change[]): Promise<void> {
    if (!changes.length) return;
    await manager.getRepository(ChangeLogEntry).insert(
      changes.map((change) => ({
        actor: by.actor,
        requestId: by.requestId,
        action: change.action,
        entity: change.entity,
        entityId: change.entityId,
        cadreId: change.cadreId ?? null,
        decisionId: change.decisionId ?? null,
        before: (change.before ?? null) as object,
        after: (change.after ?? null) as object,
      })),
    );
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
