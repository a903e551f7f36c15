import { manyByKey } from '@cadres/subgraph-kit';
import DataLoader from 'dataloader';
import type { PlanningEntry } from './planning-entry.entity';
import type { PlanningEntryRepository } from './planning-entry.repository';

export function createPlanningEntryLoaders(entries: PlanningEntryRepository) {
  return {
    planningEntriesByCadreId: new DataLoader<string, PlanningEntry[]>(async (cadreIds) =>
      manyByKey(cadreIds, await entries.findByCadreIds(cadreIds), (e) => e.cadreId),
    ),
  };
}
