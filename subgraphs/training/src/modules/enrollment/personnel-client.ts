import { NotFoundError, RuleViolationError } from '@cadres/core';
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
  orgUnit: { id: string };
}

const CADRE_FACTS = `query CadreFacts($id: ID!) {
  cadre(id: $id) {
    id sex dateOfBirth ethnicity isPartyMember
    degrees { level }
    evaluations { year rating }
    currentAssignments { title { code rank } }
    orgUnit { id }
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

  async facts(cadreId: string, requestId: string | null): Promise<CadreFacts> {
    let data: { cadre: CadreFacts | null };
    try {
      data = await callSubgraph('personnel', this.url, CADRE_FACTS, { id: cadreId }, { requestId, signingSecret: this.signingSecret, caller: 'training' });
    } catch (error) {
      if (!(error instanceof SubgraphUnavailableError)) throw error;
      if (error.message.includes('does not exist')) throw new NotFoundError('Cadre', cadreId);
      throw new RuleViolationError('PERSONNEL_CHECK_UNAVAILABLE', 'The personnel subgraph could not provide the cadre’s record; nothing was changed.');
    }
    if (!data.cadre) throw new NotFoundError('Cadre', cadreId);
    return data.cadre;
  }
}
