import { AnyOf } from '@cadres/subgraph-kit';
import { type DataSource, type EntityManager } from 'typeorm';
import { Qualification } from './qualification.entity';

export class QualificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** qualification.findByCadreIds: oldest first. */
  findByCadreIds(cadreIds: readonly string[]): Promise<Qualification[]> {
    return this.dataSource
      .getRepository(Qualification)
      .find({ where: { cadreId: AnyOf(cadreIds) }, order: { awardedOn: 'ASC', id: 'ASC' } });
  }

  insert(manager: EntityManager, qualification: Partial<Qualification>): Promise<Qualification> {
    return manager.getRepository(Qualification).save(manager.getRepository(Qualification).create(qualification));
  }
}
