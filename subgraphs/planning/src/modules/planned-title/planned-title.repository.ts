import { AnyOf } from '@cadres/subgraph-kit';
import { type DataSource } from 'typeorm';
import { PlannedTitle } from './planned-title.entity';

export class PlannedTitleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** planned-title.findByIds */
  findByIds(ids: readonly string[]): Promise<PlannedTitle[]> {
    return this.dataSource.getRepository(PlannedTitle).findBy({ id: AnyOf(ids) });
  }

  /** planned-title.findByTerm */
  findByTerm(termId: string): Promise<PlannedTitle[]> {
    return this.dataSource.getRepository(PlannedTitle).find({ where: { termId }, order: { titleRank: 'DESC', id: 'ASC' } });
  }
}
