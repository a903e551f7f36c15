import { useRowFactory } from '@cadres/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PLANNING_SCHEMA, planningEntities } from '../src/entities';
import { PlanningEntry, PlanningStatus } from '../src/modules/planning-entry/planning-entry.entity';
import { PlannedTitle } from '../src/modules/planned-title/planned-title.entity';
import { Term, TermTrack } from '../src/modules/term/term.entity';

/**
 * Planning's rows for tests, inserted through planning's own entities. Other subgraphs' tests
 * (personnel's rules ask planning whether a cadre is planned) seed them through
 * `usePlanningFactory`, never by writing planning's tables themselves.
 */
export class PlanningFactory {
  constructor(private readonly dataSource: DataSource) {}

  /** A term under QĐ 377/2025. */
  term(startYear: number, endYear: number, track = TermTrack.PARTY): Promise<Term> {
    return this.dataSource.getRepository(Term).save({
      code: `T-${randomUUID().slice(0, 8)}`,
      track,
      startYear,
      endYear,
      ruleSetCode: 'QD-377-2025',
      ageReferenceDates: {},
    });
  }

  /**
   * The cadre in the approved planning for `titleId` in a fresh term, approved on `approvedOn`, by
   * default the term's first day (planning counts from the approval decision's date).
   */
  async approvedEntry(
    cadreId: string,
    titleId: string,
    years: { startYear: number; endYear: number; track?: TermTrack },
    approval: { approvedOn?: string; decisionNumber?: string } = {},
  ): Promise<PlanningEntry> {
    const { startYear, endYear, track } = years;
    const term = await this.term(startYear, endYear, track);
    const planned = await this.dataSource
      .getRepository(PlannedTitle)
      .save({ termId: term.id, titleId, titleLevel: 'PROVINCE', titleRank: 80, maxCandidates: 3 });
    return this.dataSource.getRepository(PlanningEntry).save({
      cadreId,
      titleId,
      termId: term.id,
      plannedTitleId: planned.id,
      status: PlanningStatus.APPROVED,
      addedDecisionNumber: approval.decisionNumber ?? 'Thử',
      addedOn: approval.approvedOn ?? `${startYear}-01-01`,
    });
  }
}

/** Planning's factory for another subgraph's integration tests, on the test file's database from its beforeAll to its afterAll. */
export function usePlanningFactory(): () => PlanningFactory {
  return useRowFactory(PLANNING_SCHEMA, planningEntities, (dataSource) => new PlanningFactory(dataSource));
}
