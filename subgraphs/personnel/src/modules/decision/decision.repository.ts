import { AnyOf } from '@cadres/subgraph-kit';
import { type DataSource, type EntityManager } from 'typeorm';
import { Decision } from './decision.entity';

export class DecisionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** decision.findByIds */
  findByIds(ids: readonly string[]): Promise<Decision[]> {
    return this.dataSource.getRepository(Decision).findBy({ id: AnyOf(ids) });
  }

  /** decision.lock: a decision being cited or cancelled, locked for the transaction. */
  lock(manager: EntityManager, id: string): Promise<Decision | null> {
    return manager.getRepository(Decision).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  insert(manager: EntityManager, decision: Partial<Decision>): Promise<Decision> {
    return manager.getRepository(Decision).save(manager.getRepository(Decision).create(decision));
  }

  async markCancelled(manager: EntityManager, id: string, cancelledById: string, reason: string): Promise<Decision> {
    await manager.getRepository(Decision).update(id, { cancelledById, cancelledAt: new Date(), cancellationReason: reason });
    return manager.getRepository(Decision).findOneByOrFail({ id });
  }
}
