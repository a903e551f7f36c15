import { AnyOf } from '@cadres/subgraph-kit';
import { type DataSource, type EntityManager } from 'typeorm';
import { PlanningRound } from '../round/round.entity';
import { PlanningEntry } from './planning-entry.entity';

export class PlanningEntryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** planning-entry.findByCadreIds: entries of many cadres, each by term start then title. */
  findByCadreIds(cadreIds: readonly string[]): Promise<PlanningEntry[]> {
    return this.dataSource
      .getRepository(PlanningEntry)
      .createQueryBuilder('p')
      .innerJoin('term', 't', 't.id = p.term_id')
      .where({ cadreId: AnyOf(cadreIds) })
      .orderBy('t.start_year')
      .addOrderBy('p.id')
      .getMany();
  }

  /** planning-entry.findByIds */
  findByIds(ids: readonly string[]): Promise<PlanningEntry[]> {
    return this.dataSource.getRepository(PlanningEntry).findBy({ id: AnyOf(ids) });
  }

  /** planning-entry.findByPlannedTitleIds: each title's candidates, by rank. */
  findByPlannedTitleIds(ids: readonly string[]): Promise<PlanningEntry[]> {
    return this.dataSource.getRepository(PlanningEntry).find({
      where: { plannedTitleId: AnyOf(ids) },
      order: { candidateRank: { direction: 'ASC', nulls: 'LAST' }, id: 'ASC' },
    });
  }

  /**
   * planning-entry.approvedTitlesOn: titles a cadre is in the planning for on a day (issue 15, item 8):
   * approved by a decision dated on or before that day, not removed by then, in a term not yet over.
   * The approval's date decides, not the term's years: a term's entry approved today does not make
   * an appointment of years ago "from the planning". A term's planning may be approved before the
   * term starts (the next term's planning is made during the current one) and serves from its date.
   */
  async approvedTitlesOn(cadreId: string, on: string): Promise<string[]> {
    const rows: { titleId: string }[] = await this.dataSource.query(
      `SELECT DISTINCT p.title_id AS "titleId" FROM planning_entry p JOIN term t ON t.id = p.term_id
        WHERE p.cadre_id = $1 AND p.status IN ('APPROVED', 'REALISED', 'REMOVED', 'EXPIRED')
          AND p.added_on <= CAST($2 AS date) AND (p.removed_on IS NULL OR p.removed_on > CAST($2 AS date))
          AND extract(year FROM CAST($2 AS date)) <= t.end_year`,
      [cadreId, on],
    );
    return rows.map((r) => r.titleId);
  }

  /** planning-entry.findById */
  findById(id: string): Promise<PlanningEntry | null> {
    return this.dataSource.getRepository(PlanningEntry).findOneBy({ id });
  }

  /** The term's candidacies (proposed or approved), as a review round reads them. */
  findActiveInTerm(termId: string): Promise<PlanningEntry[]> {
    return this.dataSource
      .getRepository(PlanningEntry)
      .createQueryBuilder('e')
      .where('e.term_id = :termId AND is_candidate(e.status)', { termId })
      .getMany();
  }

  // --- inside a write transaction ---------------------------------------------------------------

  /** A transaction-scoped lock per cadre, so two additions for one cadre cannot both pass the count. */
  async lockCadre(manager: EntityManager, cadreId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('planning-cadre:' || $1))`, [cadreId]);
  }

  /** planning-entry.countActiveAtLevel: the cadre's candidacies in a term at a title level. */
  async countActiveAtLevel(manager: EntityManager, cadreId: string, termId: string, level: string): Promise<number> {
    const [{ count }] = await manager.query(
      `SELECT count(*)::int AS count FROM planning_entry e JOIN planned_title p ON p.id = e.planned_title_id
        WHERE e.cadre_id = $1 AND e.term_id = $2 AND p.title_level = $3 AND is_candidate(e.status)`,
      [cadreId, termId, level],
    );
    return count;
  }

  /**
   * The round an addition cites, read by the entries' own repository: an entry records the round
   * that added it, and the round feature (which reviews entries) depends on this one, not back.
   */
  roundById(manager: EntityManager, id: string): Promise<PlanningRound | null> {
    return manager.getRepository(PlanningRound).findOneBy({ id });
  }

  /** Where every candidate works today, as a review read it: who may see their entries follows them. */
  async moveCandidateUnits(manager: EntityManager, units: { cadreId: string; orgUnitId: string }[]): Promise<void> {
    await manager.query(
      `UPDATE planning_entry e SET cadre_org_unit_id = u.unit FROM unnest($1::uuid[], $2::uuid[]) AS u(cadre, unit)
        WHERE e.cadre_id = u.cadre AND e.cadre_org_unit_id IS DISTINCT FROM u.unit`,
      [units.map((u) => u.cadreId), units.map((u) => u.orgUnitId)],
    );
  }

  lock(manager: EntityManager, id: string): Promise<PlanningEntry | null> {
    return manager.getRepository(PlanningEntry).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  insert(manager: EntityManager, entry: Partial<PlanningEntry>): Promise<PlanningEntry> {
    return manager.getRepository(PlanningEntry).save(manager.getRepository(PlanningEntry).create(entry));
  }

  async update(manager: EntityManager, id: string, changes: Partial<PlanningEntry>): Promise<PlanningEntry> {
    await manager.getRepository(PlanningEntry).update(id, changes);
    return manager.getRepository(PlanningEntry).findOneByOrFail({ id });
  }
}
