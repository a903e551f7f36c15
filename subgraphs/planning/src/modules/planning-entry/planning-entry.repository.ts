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

  /** planning-entry.approvedTitlesOn: titles a cadre is approved for in terms covering a date. */
  async approvedTitlesOn(cadreId: string, on: string): Promise<string[]> {
    const rows: { titleId: string }[] = await this.dataSource.query(
      `SELECT DISTINCT p.title_id AS "titleId" FROM planning_entry p JOIN term t ON t.id = p.term_id
        WHERE p.cadre_id = $1 AND p.status = 'APPROVED' AND extract(year FROM CAST($2 AS date)) BETWEEN t.start_year AND t.end_year`,
      [cadreId, on],
    );
    return rows.map((r) => r.titleId);
  }
}
