import { In, type DataSource } from 'typeorm';
import { PlanningEntry } from './planning-entry.entity';

export class PlanningEntryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** planning-entry.findByCadreIds: entries of many cadres, each by term start then title. */
  findByCadreIds(cadreIds: readonly string[]): Promise<PlanningEntry[]> {
    return this.dataSource
      .getRepository(PlanningEntry)
      .createQueryBuilder('p')
      .innerJoin('term', 't', 't.id = p.term_id')
      .where({ cadreId: In([...cadreIds]) })
      .orderBy('t.start_year')
      .addOrderBy('p.id')
      .getMany();
  }
}
