import { DependencyUnavailableError, ErrorCode } from '@cadres/core';
import { callSubgraph, SubgraphUnavailableError } from '@cadres/subgraph-kit';
import { z } from 'zod';
import { notFound, type NotFoundRecord } from '../policy';

// Personnel's answers, validated: another service's answer is input. Each schema names only what
// planning's rules read (zod drops the rest).
const titleFacts = z.object({ id: z.string(), level: z.string(), rank: z.number() });
const planningFacts = z.object({
  id: z.string(),
  sex: z.enum(['MALE', 'FEMALE']),
  dateOfBirth: z.string(),
  ethnicity: z.string(),
  retirementDate: z.string(),
  currentAssignments: z.array(z.object({ title: titleFacts })),
  disciplines: z.array(z.object({ form: z.string(), effectiveOn: z.string() })),
  evaluations: z.array(z.object({ year: z.number(), rating: z.string() })),
  orgUnit: z.object({ id: z.string() }),
});
/** An assignment (a title held) in a cadre's career, as personnel gives it. */
export const careerAssignment = z.object({
  __typename: z.literal('Assignment'),
  id: z.string(),
  startsOn: z.string(),
  acting: z.boolean(),
  cancelled: z.boolean(),
  title: z.object({ id: z.string() }),
  orgUnit: z.object({ id: z.string() }),
});
/** Any other event of a career (a discipline, a transfer…): only its type matters here. An assignment missing a field is no such event: it fails. */
const otherCareerEvent = z.looseObject({ __typename: z.string().refine((type) => type !== 'Assignment') });
const careers = z.object({
  cadresByIds: z.array(z.object({ careerHistory: z.array(z.union([careerAssignment, otherCareerEvent])) })),
});
const careersById = z.object({
  cadresByIds: z.array(
    z.object({ id: z.string(), careerHistory: z.array(z.union([careerAssignment, otherCareerEvent])) }),
  ),
});
const holders = z.object({
  titleHolders: z.array(
    z.object({
      title: z.object({ id: z.string() }),
      orgUnit: z.object({ id: z.string() }),
      cadre: z.object({ id: z.string(), retirementDate: z.string() }),
    }),
  ),
});

/** What planning's rules need to know about a cadre; personnel owns all of it. */
export type PlanningFacts = z.infer<typeof planningFacts>;
export type CareerAssignment = z.infer<typeof careerAssignment>;
export type TitleFacts = z.infer<typeof titleFacts>;

const cadresFacts = z.object({ cadresByIds: z.array(planningFacts) });
const listedCadre = planningFacts.extend({ personalIdNumber: z.string(), fullName: z.string() });
const listedCadres = z.object({ cadresByPersonalIds: z.array(listedCadre) });
const titleCodes = z.object({ titles: z.array(z.object({ id: z.string(), code: z.string() })) });

/** A cadre a planning list names by personal ID number: the facts the rules need, and the name to check. */
export type ListedCadre = z.infer<typeof listedCadre>;

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

  private async call<Schema extends z.ZodType>(
    query: string,
    variables: Record<string, unknown>,
    schema: Schema,
    requestId: string | null,
    record: NotFoundRecord = 'Cadre',
  ): Promise<z.infer<Schema>> {
    try {
      return await callSubgraph('personnel', this.url, query, variables, schema, {
        requestId,
        timeoutMs: 10_000,
        signingSecret: this.signingSecret,
        caller: 'planning',
      });
    } catch (error) {
      if (!(error instanceof SubgraphUnavailableError)) throw error;
      // The same answer as for a record out of the caller's scope: no id echoed.
      if (error.code === ErrorCode.NOT_FOUND) throw notFound(record);
      throw new DependencyUnavailableError(
        'personnel',
        'The personnel subgraph could not provide the facts; nothing was changed.',
        'PERSONNEL_CHECK_UNAVAILABLE',
      );
    }
  }

  /** The cadre's facts, or null when personnel has none (asked by id list, so "none" is an empty answer, not an error text). */
  async cadre(id: string, requestId: string | null): Promise<PlanningFacts | null> {
    return (
      (
        await this.call(
          `query ($ids: [ID!]!) { cadresByIds(ids: $ids) { ${FACTS} } }`,
          { ids: [id] },
          cadresFacts,
          requestId,
        )
      ).cadresByIds[0] ?? null
    );
  }

  /** Facts of many cadres in one call (at most 500 a call). */
  async cadres(ids: string[], requestId: string | null): Promise<PlanningFacts[]> {
    const all: PlanningFacts[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const page = await this.call(
        `query ($ids: [ID!]!) { cadresByIds(ids: $ids) { ${FACTS} } }`,
        { ids: ids.slice(i, i + 500) },
        cadresFacts,
        requestId,
      );
      all.push(...page.cadresByIds);
    }
    return all;
  }

  /** A planning list's cadres by personal ID number (a number personnel does not have is left out), in one call. */
  async byPersonalIds(numbers: string[], requestId: string | null): Promise<ListedCadre[]> {
    if (!numbers.length) return [];
    return (
      await this.call(
        `query ($numbers: [String!]!) { cadresByPersonalIds(personalIdNumbers: $numbers) { personalIdNumber fullName ${FACTS} } }`,
        { numbers },
        listedCadres,
        requestId,
      )
    ).cadresByPersonalIds;
  }

  /** Every title's id by its code: a planning list names titles by code. */
  async titleIdsByCode(requestId: string | null): Promise<Map<string, string>> {
    const { titles } = await this.call(`query { titles { id code } }`, {}, titleCodes, requestId, 'Title');
    return new Map(titles.map((t) => [t.code, t.id]));
  }

  /** The codes of these units (a planned title's unit), asked by id in one request. */
  async unitCodes(ids: string[], requestId: string | null): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const aliases = ids.map((id, i) => `u${i}: orgUnit(id: ${JSON.stringify(id)}) { id code }`).join(' ');
    const answer = await this.call(
      `query { ${aliases} }`,
      {},
      z.record(z.string(), z.object({ id: z.string(), code: z.string() }).nullable()),
      requestId,
      'OrgUnit',
    );
    return new Map(
      Object.values(answer)
        .filter((u) => u !== null)
        .map((u) => [u.id, u.code]),
    );
  }

  async title(id: string, requestId: string | null): Promise<TitleFacts> {
    return (
      await this.call(
        `query ($id: ID!) { title(id: $id) { id level rank } }`,
        { id },
        z.object({ title: titleFacts }),
        requestId,
        'Title',
      )
    ).title;
  }

  /**
   * The cadre's assignments to a title, from their career (cancelled and acting ones included, each
   * marked): what realising a planning entry must follow from. Null when personnel has no such cadre.
   */
  async assignmentsTo(cadreId: string, titleId: string, requestId: string | null): Promise<CareerAssignment[] | null> {
    const data = await this.call(
      `query ($ids: [ID!]!) { cadresByIds(ids: $ids) { careerHistory { __typename ... on Assignment { id startsOn acting cancelled title { id } orgUnit { id } } } } }`,
      { ids: [cadreId] },
      careers,
      requestId,
    );
    const cadre = data.cadresByIds[0];
    if (!cadre) return null;
    return cadre.careerHistory.filter(
      (e): e is CareerAssignment => e.__typename === 'Assignment' && (e as CareerAssignment).title.id === titleId,
    );
  }

  /**
   * The assignments of many cadres, by cadre id, in one request (a planning list's realisations,
   * asked before its batch's transaction); a cadre personnel does not have is left out.
   */
  async assignmentsOf(cadreIds: string[], requestId: string | null): Promise<Map<string, CareerAssignment[]>> {
    if (!cadreIds.length) return new Map();
    const data = await this.call(
      `query ($ids: [ID!]!) { cadresByIds(ids: $ids) { id careerHistory { __typename ... on Assignment { id startsOn acting cancelled title { id } orgUnit { id } } } } }`,
      { ids: cadreIds },
      careersById,
      requestId,
    );
    return new Map(
      data.cadresByIds.map((cadre) => [
        cadre.id,
        cadre.careerHistory.filter((e): e is CareerAssignment => e.__typename === 'Assignment'),
      ]),
    );
  }

  /** Current holders of titles, with when each retires. */
  async holders(
    titleIds: string[],
    requestId: string | null,
  ): Promise<{ titleId: string; orgUnitId: string; cadreId: string; retirementDate: string }[]> {
    if (!titleIds.length) return [];
    const data = await this.call(
      `query ($ids: [ID!]!) { titleHolders(titleIds: $ids) { title { id } orgUnit { id } cadre { id retirementDate } } }`,
      { ids: titleIds },
      holders,
      requestId,
    );
    return data.titleHolders.map((h) => ({
      titleId: h.title.id,
      orgUnitId: h.orgUnit.id,
      cadreId: h.cadre.id,
      retirementDate: h.cadre.retirementDate,
    }));
  }
}
