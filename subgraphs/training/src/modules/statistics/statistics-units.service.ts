import type { Identity } from '@cadres/core';
import type { StatisticsUnits } from '@cadres/subgraph-kit';
import { statisticsUnits } from '../../policy';

/**
 * The units a training statistic is computed over: the caller's (null: everything, for ADMIN),
 * narrowed to one org unit's subtree when the dashboard filters by unit (`StatisticsUnits`).
 */
export class StatisticsUnitsService {
  constructor(private readonly units: StatisticsUnits) {}

  of(identity: Identity, orgUnitSubtree: string | undefined): Promise<string[] | null> {
    return this.units.within(statisticsUnits(identity), orgUnitSubtree);
  }
}
