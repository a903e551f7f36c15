import { DependencyUnavailableError, parseId } from '@cadres/core';
import { personnelSubtrees, SubgraphUnavailableError } from './subgraph-client';

/** Where personnel, which owns the org tree, answers, and who asks. */
export interface OrgTreeSource {
  url: string | undefined;
  signingSecret: string;
  caller: string;
}

/**
 * The units a statistic is computed over: the caller's scope (null: everything, for ADMIN),
 * narrowed to one org unit's subtree when a dashboard filters by unit (`orgUnitSubtree`). The
 * subtree comes from personnel, as the caller's own scope does; the two are intersected, so a unit
 * outside the caller's subtrees gives the figures of nothing in it, never those of a unit the
 * caller may not see. Shared by every subgraph whose statistics take the filter.
 */
export class StatisticsUnits {
  constructor(private readonly tree: OrgTreeSource) {}

  async within(scope: string[] | null, orgUnitSubtree: string | undefined): Promise<string[] | null> {
    if (!orgUnitSubtree) return scope;
    const subtree = await this.subtree(parseId(orgUnitSubtree, 'orgUnitSubtree'));
    if (scope === null) return subtree;
    const allowed = new Set(scope);
    return subtree.filter((unit) => allowed.has(unit));
  }

  /** Fails closed: without personnel no figure is computed, rather than figures of the wrong units. */
  private async subtree(root: string): Promise<string[]> {
    const { url, signingSecret, caller } = this.tree;
    try {
      return await personnelSubtrees(url, [root], { signingSecret, caller });
    } catch (error) {
      if (!(error instanceof SubgraphUnavailableError)) throw error;
      throw new DependencyUnavailableError(
        'personnel',
        'The personnel subgraph could not give the unit’s subtree; the statistic was not computed.',
        'PERSONNEL_CHECK_UNAVAILABLE',
      );
    }
  }
}
