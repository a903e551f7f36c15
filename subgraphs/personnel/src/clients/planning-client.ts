import { DependencyUnavailableError } from '@cadres/core';
import { callSubgraph, SubgraphUnavailableError } from '@cadres/subgraph-kit';
import { z } from 'zod';

// Planning's answer, validated: another service's answer is input, not a promise.
const planningCheck = z.object({
  /** An approved planning entry for the title, in a term covering the date. */
  plannedForTitle: z.boolean(),
  /** Any approved planning entry in a term covering the date (the rotation pool). */
  inPlanningPool: z.boolean(),
});
export type PlanningCheck = z.infer<typeof planningCheck>;

const PLANNING_CHECK = `query PlanningCheck($cadreId: ID!, $titleId: ID, $on: LocalDate!) {
  planningCheck(cadreId: $cadreId, titleId: $titleId, on: $on) { plannedForTitle inPlanningPool }
}`;

/**
 * Rule 8 (and the rotation pool of rule 11) depend on planning data, which the planning subgraph
 * owns. Personnel asks it over HTTP at write time — an explicit service call, because a mutation's
 * rule check cannot wait for the gateway to join data after the fact. It fails closed: when
 * planning cannot answer, the appointment is refused rather than made unchecked.
 */
export class PlanningClient {
  constructor(
    private readonly url: string | undefined,
    private readonly signingSecret: string,
  ) {}

  async check(cadreId: string, titleId: string | null, on: string, requestId: string | null): Promise<PlanningCheck> {
    try {
      const data = await callSubgraph(
        'planning',
        this.url,
        PLANNING_CHECK,
        { cadreId, titleId, on },
        z.object({ planningCheck }),
        { requestId, signingSecret: this.signingSecret, caller: 'personnel' },
      );
      return data.planningCheck;
    } catch (error) {
      if (!(error instanceof SubgraphUnavailableError)) throw error;
      throw new DependencyUnavailableError(
        'planning',
        'The planning subgraph could not confirm the planning; nothing was changed.',
        'PLANNING_CHECK_UNAVAILABLE',
      );
    }
  }
}
