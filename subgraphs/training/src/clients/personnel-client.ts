import { RuleViolationError } from '@cadres/core';
import { callSubgraph, SubgraphUnavailableError } from '@cadres/subgraph-kit';

/** What nomination rules need to know about a cadre; personnel owns all of it. */
export interface CadreFacts {
  id: string;
  sex: 'MALE' | 'FEMALE';
  dateOfBirth: string;
  ethnicity: string;
  isPartyMember: boolean;
  degrees: { level: string }[];
  evaluations: { year: number; rating: string }[];
  currentAssignments: { title: { code: string; rank: number } }[];
  /** The cadre's unit, with its ancestors from the root down (a unit's quota covers its subtree). */
  orgUnit: { id: string; ancestors: { id: string }[] };
}

// By id list: a cadre personnel does not have is an empty answer, not an error to recognise by its text.
const CADRE_FACTS = `query CadreFacts($ids: [ID!]!) {
  cadresByIds(ids: $ids) {
    id sex dateOfBirth ethnicity isPartyMember
    degrees { level }
    evaluations { year rating }
    currentAssignments { title { code rank } }
    orgUnit { id ancestors { id } }
  }
}`;

/**
 * Eligibility is checked when a cadre is nominated, a write: training asks personnel over HTTP for
 * the facts (an explicit service call — `@requires` only serves reads, after the write would be
 * made) and stores them with the enrollment as its eligibility snapshot. It fails closed.
 */
export class PersonnelClient {
  constructor(
    private readonly url: string | undefined,
    private readonly signingSecret: string,
  ) {}

  /** The cadre's facts, or null when personnel has no such cadre (the caller decides how to refuse). */
  async facts(cadreId: string, requestId: string | null): Promise<CadreFacts | null> {
    let data: { cadresByIds: CadreFacts[] };
    try {
      data = await callSubgraph('personnel', this.url, CADRE_FACTS, { ids: [cadreId] }, { requestId, signingSecret: this.signingSecret, caller: 'training' });
    } catch (error) {
      if (!(error instanceof SubgraphUnavailableError)) throw error;
      throw new RuleViolationError('PERSONNEL_CHECK_UNAVAILABLE', 'The personnel subgraph could not provide the cadre’s record; nothing was changed.');
    }
    return data.cadresByIds[0] ?? null;
  }
}
