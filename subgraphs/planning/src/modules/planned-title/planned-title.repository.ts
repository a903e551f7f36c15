import { AnyOf } from '@cadres/subgraph-kit';
import { type DataSource, type EntityManager } from 'typeorm';
import { PlannedTitle } from './planned-title.entity';

export class PlannedTitleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** planned-title.findByIds */
  findByIds(ids: readonly string[]): Promise<PlannedTitle[]> {
    return this.dataSource.getRepository(PlannedTitle).findBy({ id: AnyOf(ids) });
  }

  /** planned-title.findByTerm */
  findByTerm(termId: string): Promise<PlannedTitle[]> {
    return this.dataSource
      .getRepository(PlannedTitle)
      .find({ where: { termId }, order: { titleRank: 'DESC', id: 'ASC' } });
  }

  // --- inside a write transaction ---------------------------------------------------------------

  /** planned-title.lock: additions to one title queue up behind this lock. */
  lock(manager: EntityManager, id: string): Promise<PlannedTitle | null> {
    return manager.getRepository(PlannedTitle).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The term's planned titles, as the transaction sees them. */
  forTerm(manager: EntityManager, termId: string): Promise<PlannedTitle[]> {
    return manager.getRepository(PlannedTitle).findBy({ termId });
  }

  async insert(manager: EntityManager, plannedTitle: Partial<PlannedTitle>): Promise<PlannedTitle> {
    const saved = await manager
      .getRepository(PlannedTitle)
      .save(manager.getRepository(PlannedTitle).create(plannedTitle));
    return manager.getRepository(PlannedTitle).findOneByOrFail({ id: saved.id });
  }
}
