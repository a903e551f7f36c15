import { parseId, type Identity } from '@cadres/core';
import type { PersonnelClient } from '../../clients/personnel-client';
import { statisticsUnits } from '../../policy';

/**
 * The units a statistic is computed over: the caller's (null: everything, for ADMIN), narrowed to
 * one org unit's subtree when the dashboard filters by unit. The subtree comes from personnel, which
 * owns the org tree, as for the caller's own scope; the two are intersected, so a unit outside the
 * caller's subtrees gives the figures of nothing in it, never a unit the caller may not see.
 */
export class StatisticsUnitsService {
  constructor(private readonly personnel: PersonnelClient) {}

  async of(identity: Identity, orgUnitSubtree: string | undefined): Promise<string[] | null> {
    const scope = statisticsUnits(identity);
    if (!orgUnitSubtree) return scope;
    const subtree = await this.personnel.subtree(parseId(orgUnitSubtree, 'orgUnitSubtree'));
    if (scope === null) return subtree;
    const allowed = new Set(scope);
    return subtree.filter((unit) => allowed.has(unit));
  }
}
