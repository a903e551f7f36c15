import { manyByKey, oneByKey } from '@cadres/subgraph-kit';
import DataLoader from 'dataloader';
import type { PlannedTitle } from '../planned-title/planned-title.entity';
import type { PlannedTitleRepository } from '../planned-title/planned-title.repository';
import type { RoundFlag } from '../round/round.entity';
import type { StandardsRepository } from '../standards/standards.repository';
import type { PlanningEntry } from './planning-entry.entity';
import type { PlanningEntryRepository } from './planning-entry.repository';

export function createPlanningEntryLoaders(
  entries: PlanningEntryRepository,
  plannedTitles: PlannedTitleRepository,
  standards: StandardsRepository,
) {
  return {
    planningEntriesByCadreId: new DataLoader<string, PlanningEntry[]>(async (cadreIds) =>
      manyByKey(cadreIds, await entries.findByCadreIds(cadreIds), (e) => e.cadreId),
    ),
    entryById: new DataLoader<string, PlanningEntry | null>(async (ids) =>
      oneByKey(ids, await entries.findByIds(ids), (e) => e.id),
    ),
    entriesByPlannedTitleId: new DataLoader<string, PlanningEntry[]>(async (ids) =>
      manyByKey(ids, await entries.findByPlannedTitleIds(ids), (e) => e.plannedTitleId),
    ),
    plannedTitleById: new DataLoader<string, PlannedTitle | null>(async (ids) =>
      oneByKey(ids, await plannedTitles.findByIds(ids), (p) => p.id),
    ),
    flagsByEntryId: new DataLoader<string, RoundFlag[]>(async (ids) =>
      manyByKey(ids, await standards.findFlags(ids), (f) => f.entryId),
    ),
    /** Programmes closing a gap, keyed "CRITERION:LEVEL". */
    programmeIdsByNeed: new DataLoader<string, string[]>(async (keys) =>
      manyByKey(keys, await standards.findNeeds(keys), (n) => `${n.criterion}:${n.level}`).map((needs) =>
        needs.map((n) => n.programmeId),
      ),
    ),
  };
}
