import { DependencyUnavailableError } from '@cadres/core';
import { callSubgraph, SubgraphUnavailableError } from '@cadres/subgraph-kit';
import { z } from 'zod';

// Personnel's answer, validated: another service's answer is input, not a promise.
const cadreFacts = z.object({
  id: z.string(),
  sex: z.enum(['MALE', 'FEMALE']),
  dateOfBirth: z.string(),
  ethnicity: z.string(),
  isPartyMember: z.boolean(),
  degrees: z.array(z.object({ level: z.string() })),
  evaluations: z.array(z.object({ year: z.number(), rating: z.string() })),
  currentAssignments: z.array(z.object({ title: z.object({ code: z.string(), rank: z.number() }) })),
  /** The cadre's unit, with its ancestors from the root down (a unit's quota covers its subtree). */
  orgUnit: z.object({ id: z.string(), ancestors: z.array(z.object({ id: z.string() })) }),
});
const cadresFacts = z.object({ cadresByIds: z.array(cadreFacts) });
const rosterCadre = cadreFacts.extend({ personalIdNumber: z.string(), fullName: z.string() });
const rosterCadres = z.object({ cadresByPersonalIds: z.array(rosterCadre) });

/** A cadre a class roster names by personal ID number: the facts nomination needs, and the name to check. */
export type RosterCadre = z.infer<typeof rosterCadre>;

/** What nomination rules need to know about a cadre; personnel owns all of it. */
export type CadreFacts = z.infer<typeof cadreFacts>;

const FACTS_FIELDS = `id sex dateOfBirth ethnicity isPartyMember
    degrees { level }
    evaluations { year rating }
    currentAssignments { title { code rank } }
    orgUnit { id ancestors { id } }`;

// By id list: a cadre personnel does not have is an empty answer, not an error to recognise by its text.
const CADRE_FACTS = `query CadreFacts($ids: [ID!]!) {
  cadresByIds(ids: $ids) { ${FACTS_FIELDS} }
}`;

const ROSTER_CADRES = `query RosterCadres($numbers: [String!]!) {
  cadresByPersonalIds(personalIdNumbers: $numbers) { personalIdNumber fullName ${FACTS_FIELDS} }
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
    let data: z.infer<typeof cadresFacts>;
    try {
      data = await callSubgraph('personnel', this.url, CADRE_FACTS, { ids: [cadreId] }, cadresFacts, {
        requestId,
        signingSecret: this.signingSecret,
        caller: 'training',
      });
    } catch (error) {
      if (!(error instanceof SubgraphUnavailableError)) throw error;
      throw new DependencyUnavailableError(
        'personnel',
        'The personnel subgraph could not provide the cadre’s record; nothing was changed.',
        'PERSONNEL_CHECK_UNAVAILABLE',
      );
    }
    return data.cadresByIds[0] ?? null;
  }

  /** A roster's cadres by personal ID number (a number personnel does not have is left out), in one call. */
  async byPersonalIds(numbers: string[], requestId: string | null): Promise<RosterCadre[]> {
    if (!numbers.length) return [];
    try {
      const data = await callSubgraph('personnel', this.url, ROSTER_CADRES, { numbers }, rosterCadres, {
        requestId,
        signingSecret: this.signingSecret,
        caller: 'training',
      });
      return data.cadresByPersonalIds;
    } catch (error) {
      if (!(error instanceof SubgraphUnavailableError)) throw error;
      throw new DependencyUnavailableError(
        'personnel',
        'The personnel subgraph could not provide the cadres’ records; nothing was changed.',
        'PERSONNEL_CHECK_UNAVAILABLE',
      );
    }
  }
}
