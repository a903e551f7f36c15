import { RuleViolationError } from '@cadres/core';
import { callSubgraph, SubgraphUnavailableError } from '@cadres/subgraph-kit';
import { notFound, type NotFoundRecord } from '../policy';

/** What planning's rules need to know about a cadre; personnel owns all of it. */
export interface PlanningFacts {
  id: string;
  sex: 'MALE' | 'FEMALE';
  dateOfBirth: string;
  ethnicity: string;
  retirementDate: string;
  currentAssignments: { title: { id: string; rank: number; level: string } }[];
  disciplines: { form: string; effectiveOn: string }[];
  evaluations: { year: number; rating: string }[];
  orgUnit: { id: string };
}

/** An assignment (a title held) in a cadre's career, as personnel gives it. */
export interface CareerAssignment {
  __typename: 'Assignment';
  id: string;
  startsOn: string;
  acting: boolean;
  cancelled: boolean;
  title: { id: string };
  orgUnit: { id: string };
}

export interface TitleFacts {
  id: string;
  level: string;
  rank: number;
}

const FACTS = `id sex dateOfBirth ethnicity retirementDate orgUnit { id } currentAssignments { title { id rank level } } disciplines(includeCancelled: false) { form effectiveOn } evaluations { year rating }`;

/**
 * Planning's rules (14–16) are checked on writes — adding an entry, reviewing a round — so planning
 * asks personnel for the facts over HTTP: an explicit service call, as a mutation cannot wait for
 * the gateway to join data after the fact. It fails closed.
 */
export class PersonnelClient {
  constructor(
    private readonly url: string | undefined,
    private readonly signingSecret: string,
  ) {}

  private async call<T>(query: string, variables: Record<string, unknown>, requestId: string | null, record: NotFoundRecord = 'Cadre'): Promise<T> {
    try {
      return await callSubgraph<T>('personnel', this.url, query, variables, { requestId, timeoutMs: 10_000, signingSecret: this.signingSecret, caller: 'planning' });
    } catch (error) {
      if (!(error instanceof SubgraphUnavailableError)) throw error;
      // The same answer as for a record out of the caller's scope: no id echoed.
      if (error.message.includes('does not exist')) throw notFound(record);
      throw new RuleViolationError('PERSONNEL_CHECK_UNAVAILABLE', 'The personnel subgraph could not provide the facts; nothing was changed.');
    }
  }

  /** The cadre's facts, or null when personnel has none (asked by id list, so "none" is an empty answer, not an error text). */
  async cadre(id: string, requestId: string | null): Promise<PlanningFacts | null> {
    return (await this.call<{ cadresByIds: PlanningFacts[] }>(`query ($ids: [ID!]!) { cadresByIds(ids: $ids) { ${FACTS} } }`, { ids: [id] }, requestId)).cadresByIds[0] ?? null;
  }

  /** Facts of many cadres in one call (at most 500 a call). */
  async cadres(ids: string[], requestId: string | null): Promise<PlanningFacts[]> {
    const all: PlanningFacts[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const page = await this.call<{ cadresByIds: PlanningFacts[] }>(`query ($ids: [ID!]!) { cadresByIds(ids: $ids) { ${FACTS} } }`, { ids: ids.slice(i, i + 500) }, requestId);
      all.push(...page.cadresByIds);
    }
    return all;
  }

  async title(id: string, requestId: string | null): Promise<TitleFacts> {
    return (await this.call<{ title: TitleFacts }>(`query ($id: ID!) { title(id: $id) { id level rank } }`, { id }, requestId, 'Title')).title;
  }

  /**
   * The cadre's assignments to a title, from their career (cancelled and acting ones included, each
   * marked): what realising a planning entry must follow from. Null when personnel has no such cadre.
   */
  async assignmentsTo(cadreId: string, titleId: string, requestId: string | null): Promise<CareerAssignment[] | null> {
    const data = await this.call<{ cadresByIds: { careerHistory: (CareerAssignment | { __typename: string })[] }[] }>(
      `query ($ids: [ID!]!) { cadresByIds(ids: $ids) { careerHistory { __typename ... on Assignment { id startsOn acting cancelled title { id } orgUnit { id } } } } }`,
      { ids: [cadreId] },
      requestId,
    );
    const cadre = data.cadresByIds[0];
    if (!cadre) return null;
    return cadre.careerHistory.filter((e): e is CareerAssignment => e.__typename === 'Assignment' && (e as CareerAssignment).title.id === titleId);
  }

  /** Current holders of titles, with when each retires. */
  async holders(titleIds: string[], requestId: string | null): Promise<{ titleId: string; orgUnitId: string; cadreId: string; retirementDate: string }[]> {
    if (!titleIds.length) return [];
    const data = await this.call<{ titleHolders: { title: { id: string }; orgUnit: { id: string }; cadre: { id: string; retirementDate: string } }[] }>(
      `query ($ids: [ID!]!) { titleHolders(titleIds: $ids) { title { id } orgUnit { id } cadre { id retirementDate } } }`,
      { ids: titleIds },
      requestId,
    );
    return data.titleHolders.map((h) => ({ titleId: h.title.id, orgUnitId: h.orgUnit.id, cadreId: h.cadre.id, retirementDate: h.cadre.retirementDate }));
  }
}
