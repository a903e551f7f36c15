/**
 * Planning's access policy (issue 12): a candidate is seen only where they work, on every path
 * that lists or looks up planning entries; a unit's planned titles stay in its subtree; the
 * province's own titles, terms and reviews are ADMIN's to write; out of scope answers exactly as
 * nonexistent; `planningCheck` serves rule checks, not scoped callers; statistics count the
 * caller's units.
 */
import { must, Role, Scope, type Identity } from '@cadres/core';
import { useSubgraphHarness } from '@cadres/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { PlannedTitle } from '../src/modules/planned-title/planned-title.entity';
import { PlanningEntry, PlanningStatus } from '../src/modules/planning-entry/planning-entry.entity';
import { RemovalReason } from '../src/modules/round/round.entity';
import { Term, TermTrack } from '../src/modules/term/term.entity';
import { classification, policy } from '../src/policy';
import { planningSubgraph } from '../src/subgraph';
import { usePersonnelFactory } from '../../personnel/test/factories';

// Adding an entry asks the real personnel subgraph for the candidate's record, as in production.
const harness = useSubgraphHarness(planningSubgraph, { peers: ['personnel'] });
const personnel = usePersonnelFactory();

const db = () => harness.subgraph.dataSource;
const caller = (role: Role, units: string[] | null, scopes: string[] = []): Identity => ({
  subject: `test:${role}`,
  role,
  agency: role === Role.PARTNER ? 'Sở thử' : null,
  scopes,
  units,
});

/**
 * A term with a province-level title and a title of each of two communes; each title has one
 * candidate from each commune (the disciplined removal reason included, as the issue saw leak).
 */
async function twoCommunes() {
  const startYear = randomInt(2100, 9000);
  const term = await db()
    .getRepository(Term)
    .save({
      code: `T-${randomUUID().slice(0, 8)}`,
      track: TermTrack.PARTY,
      startYear,
      endYear: startYear + 5,
      ruleSetCode: 'QD-377-2025',
      ageReferenceDates: {},
    });
  const [commune, other] = [randomUUID(), randomUUID()];
  const plannedTitle = (orgUnitId: string | null) =>
    db()
      .getRepository(PlannedTitle)
      .save({
        termId: term.id,
        titleId: randomUUID(),
        orgUnitId,
        titleLevel: orgUnitId ? 'COMMUNE' : 'PROVINCE',
        titleRank: 60,
        maxCandidates: 3,
      });
  const [province, communeTitle, otherTitle] = [
    await plannedTitle(null),
    await plannedTitle(commune),
    await plannedTitle(other),
  ];
  const entries = db().getRepository(PlanningEntry);
  const entry = (title: PlannedTitle, unit: string, status = PlanningStatus.PROPOSED) =>
    entries.save({
      cadreId: randomUUID(),
      cadreOrgUnitId: unit,
      titleId: title.titleId,
      termId: term.id,
      plannedTitleId: title.id,
      status,
      ...(status === PlanningStatus.REMOVED
        ? { removedDecisionNumber: '9-QĐ/TU', removedOn: '2024-01-01', removalReason: RemovalReason.DISCIPLINED }
        : {}),
    });
  const ofProvince = {
    mine: await entry(province, commune),
    theirs: await entry(province, other, PlanningStatus.REMOVED),
  };
  const ofCommune = { mine: await entry(communeTitle, commune), theirs: await entry(communeTitle, other) };
  const ofOther = { theirs: await entry(otherTitle, other), mine: await entry(otherTitle, commune) };
  return { term, commune, other, province, communeTitle, otherTitle, ofProvince, ofCommune, ofOther };
}

const CANDIDATES = `query ($id: ID!) { candidates(plannedTitleId: $id) { id status } }`;
const candidateIds = async (plannedTitleId: string, identity: Identity) => {
  const result = await harness.query<{ candidates: { id: string }[] }>(CANDIDATES, { id: plannedTitleId }, identity);
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.candidates.map((c) => c.id).sort();
};

describe('candidates are seen only where they work', () => {
  it('candidates(plannedTitleId) lists the caller’s own cadres only, whatever the title', async () => {
    const { commune, province, communeTitle, otherTitle, ofProvince, ofCommune } = await twoCommunes();
    const viewer = caller(Role.VIEWER, [commune]);
    expect(await candidateIds(province.id, viewer)).toEqual([ofProvince.mine.id]);
    expect(await candidateIds(communeTitle.id, viewer)).toEqual([ofCommune.mine.id]);
    // Another commune's title is as unknown to them as an id nobody has.
    expect(await candidateIds(otherTitle.id, viewer)).toEqual([]);
    expect(await candidateIds(randomUUID(), viewer)).toEqual([]);
    expect(await candidateIds(province.id, caller(Role.ADMIN, null))).toEqual(
      [ofProvince.mine.id, ofProvince.theirs.id].sort(),
    );
  });

  it('terms { plannedTitles { candidates } } shows the province’s titles and the caller’s units’ titles, with their own candidates', async () => {
    const { term, commune, province, communeTitle, ofProvince, ofCommune } = await twoCommunes();
    const result = await harness.query<{
      terms: {
        id: string;
        plannedTitles: { id: string; candidates: { id: string; removalReason: string | null }[] }[];
      }[];
    }>(`{ terms { id plannedTitles { id candidates { id removalReason } } } }`, {}, caller(Role.ORGANIZER, [commune]));
    expect(result.body.errors).toBeUndefined();
    const titles = result.body.data!.terms.find((t) => t.id === term.id)!.plannedTitles;
    expect(titles.map((t) => t.id).sort()).toEqual([province.id, communeTitle.id].sort());
    expect(titles.find((t) => t.id === province.id)!.candidates.map((c) => c.id)).toEqual([ofProvince.mine.id]);
    expect(titles.find((t) => t.id === communeTitle.id)!.candidates.map((c) => c.id)).toEqual([ofCommune.mine.id]);
    expect(result.text).not.toContain('DISCIPLINED');
    expect(result.text).not.toContain(ofProvince.theirs.cadreId);
  });

  it('refuses candidate lists to a PARTNER, whatever its scopes', async () => {
    const { commune, province } = await twoCommunes();
    const result = await harness.query(
      CANDIDATES,
      { id: province.id },
      caller(Role.PARTNER, [commune], ['discipline:read', 'evaluation:read']),
    );
    expect(result.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('costs the same SQL statements for a list filtered by scope as for one that is not', async () => {
    const { commune, province } = await twoCommunes();
    const scoped = await harness.query(CANDIDATES, { id: province.id }, caller(Role.VIEWER, [commune]));
    const admin = await harness.query(CANDIDATES, { id: province.id }, caller(Role.ADMIN, null));
    expect(scoped.sqlStatements).toBe(admin.sqlStatements);
  });
});

describe('a planning entry by reference (`_entities`)', () => {
  const ENTITIES = `query ($refs: [_Any!]!) { _entities(representations: $refs) { ... on PlanningEntry { id status } } }`;

  it('resolves to null outside the caller’s scope, as an id nobody has does', async () => {
    const { commune, ofProvince } = await twoCommunes();
    const result = await harness.query<{ _entities: ({ id: string } | null)[] }>(
      ENTITIES,
      {
        refs: [ofProvince.mine.id, ofProvince.theirs.id, randomUUID()].map((id) => ({
          __typename: 'PlanningEntry',
          id,
        })),
      },
      caller(Role.VIEWER, [commune]),
    );
    expect(result.body.data!._entities).toEqual([{ id: ofProvince.mine.id, status: 'PROPOSED' }, null, null]);
  });

  it('follows the candidate’s unit the gateway hands over for this entry, which outranks the one recorded', async () => {
    const { commune, other, ofProvince } = await twoCommunes();
    const viewer = caller(Role.VIEWER, [commune]);
    const withUnit = (id: string, unit: string) => ({
      __typename: 'PlanningEntry',
      id,
      cadre: { orgUnit: { id: unit } },
      title: {},
    });
    const result = await harness.query<{ _entities: ({ id: string } | null)[] }>(
      ENTITIES,
      { refs: [withUnit(ofProvince.mine.id, other), withUnit(ofProvince.theirs.id, commune)] },
      viewer,
    );
    expect(result.body.data!._entities).toEqual([null, { id: ofProvince.theirs.id, status: 'REMOVED' }]);
  });
});

describe('writes', () => {
  interface UserErrorShape {
    code: string;
    reason: string | null;
    field: string | null;
    message: string;
  }
  async function mutate(mutation: string, input: Record<string, unknown>, identity: Identity) {
    const name = must(/\{\s*(\w+)/.exec(mutation)?.[1], 'a mutation names its field');
    const result = await harness.query<Record<string, { errors: UserErrorShape[] } | null>>(
      mutation,
      { input },
      identity,
    );
    return { result, payload: result.body.data?.[name] ?? null };
  }
  const APPROVE = `mutation ($input: PlanningDecisionInput!) { approvePlanningEntry(input: $input) { entry { id } errors { code reason field message } } }`;
  const decision = (entryId: string) => ({ entryId, decisionNumber: '12-QĐ/TU', decisionDate: '2025-01-02' });

  it('an entry whose candidate or title is outside the caller’s subtrees answers as one that does not exist, and stays as it was', async () => {
    const { commune, ofCommune, ofOther } = await twoCommunes();
    const organizer = caller(Role.ORGANIZER, [commune]);
    const unknown = await mutate(APPROVE, decision(randomUUID()), organizer);
    expect(unknown.payload!.errors).toEqual([
      { code: 'NOT_FOUND', reason: null, field: 'entryId', message: expect.any(String) },
    ]);
    // Their title, another commune's candidate; another commune's title, their candidate.
    for (const entry of [ofCommune.theirs, ofOther.mine]) {
      const outside = await mutate(APPROVE, decision(entry.id), organizer);
      expect(outside.payload!.errors).toEqual(unknown.payload!.errors);
      expect(outside.result.text).not.toContain(entry.id);
      expect((await db().getRepository(PlanningEntry).findOneByOrFail({ id: entry.id })).status).toBe(
        PlanningStatus.PROPOSED,
      );
    }
    expect((await mutate(APPROVE, decision(ofCommune.mine.id), organizer)).payload!.errors).toEqual([]);
  });

  it('the province’s own titles are planned by ADMIN: an ORGANIZER sees them but may not change them', async () => {
    const { commune, ofProvince } = await twoCommunes();
    const refused = await mutate(APPROVE, decision(ofProvince.mine.id), caller(Role.ORGANIZER, [commune]));
    expect(refused.result.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await db().getRepository(PlanningEntry).findOneByOrFail({ id: ofProvince.mine.id })).status).toBe(
      PlanningStatus.PROPOSED,
    );
  });

  it('planTitle: another unit answers as a unit nobody has; the province’s own titles and terms are ADMIN’s', async () => {
    const { term, commune, other } = await twoCommunes();
    const PLAN = `mutation ($input: PlanTitleInput!) { planTitle(input: $input) { plannedTitle { id } errors { code reason field message } } }`;
    const organizer = caller(Role.ORGANIZER, [commune]);
    const input = (orgUnitId?: string) => ({ termId: term.id, titleId: randomUUID(), orgUnitId });
    const outside = await mutate(PLAN, input(other), organizer);
    const unknown = await mutate(PLAN, input(randomUUID()), organizer);
    expect(outside.payload!.errors).toEqual([
      { code: 'NOT_FOUND', reason: null, field: 'orgUnitId', message: expect.any(String) },
    ]);
    expect(outside.payload!.errors).toEqual(unknown.payload!.errors);
    expect(outside.result.text).not.toContain(other);
    expect((await mutate(PLAN, input(), organizer)).result.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const CREATE_TERM = `mutation ($input: CreateTermInput!) { createTerm(input: $input) { term { id } errors { code } } }`;
    const code = `T-${randomUUID().slice(0, 8)}`;
    const termInput = { code, track: 'STATE', startYear: 2031, endYear: 2036, ruleSetCode: 'QD-377-2025' };
    expect((await mutate(CREATE_TERM, termInput, organizer)).result.body.errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(await db().getRepository(Term).countBy({ code })).toBe(0);
  });

  it('addPlanningEntry: another unit’s title answers as an unknown one; an entry made keeps the candidate’s unit from personnel', async () => {
    const { commune, otherTitle } = await twoCommunes();
    // A term that starts now, so that the candidate has a term of service left (rule 15).
    const term = await db()
      .getRepository(Term)
      .save({
        code: `T-${randomUUID().slice(0, 8)}`,
        track: TermTrack.STATE,
        startYear: 2026,
        endYear: 2031,
        ruleSetCode: 'QD-377-2025',
        ageReferenceDates: { COMMUNE: '2026-01-01' },
      });
    const ADD = `mutation ($input: AddPlanningEntryInput!) { addPlanningEntry(input: $input) { entry { id } errors { code reason field message } } }`;
    const { id: cadreId, orgUnitId: unitId } = await personnel().cadre({
      dateOfBirth: '1988-01-01',
      titleRank: 30,
      titleLevel: 'COMMUNE',
    });
    const organizer = caller(Role.ORGANIZER, [commune, unitId]);
    const outside = await mutate(ADD, { plannedTitleId: otherTitle.id, cadreId }, organizer);
    const unknown = await mutate(ADD, { plannedTitleId: randomUUID(), cadreId }, organizer);
    expect(outside.payload!.errors).toEqual([
      { code: 'NOT_FOUND', reason: null, field: 'plannedTitleId', message: expect.any(String) },
    ]);
    expect(outside.payload!.errors).toEqual(unknown.payload!.errors);
    // A title of their own commune, a candidate of theirs: planned, with the unit personnel gave.
    const title = await personnel().title(60, 'COMMUNE');
    const [planned] = await db()
      .getRepository(PlannedTitle)
      .save([
        {
          termId: term.id,
          titleId: title.id,
          orgUnitId: commune,
          titleLevel: 'COMMUNE',
          titleRank: 60,
          maxCandidates: 3,
        },
      ]);
    const added = await mutate(ADD, { plannedTitleId: planned?.id, cadreId }, organizer);
    expect(added.payload!.errors).toEqual([]);
    expect(
      await db().query(`SELECT cadre_org_unit_id AS "unitId" FROM planning_entry WHERE cadre_id = $1`, [cadreId]),
    ).toEqual([{ unitId }]);
  });
});

describe('planningCheck', () => {
  const CHECK = `query ($cadreId: ID!) { planningCheck(cadreId: $cadreId, on: "2027-01-01") { inPlanningPool } }`;

  it('serves rule checks (SERVICE) and ADMIN; a scoped caller is refused instead of learning about any cadre', async () => {
    const { ofOther } = await twoCommunes();
    for (const role of [Role.ORGANIZER, Role.VIEWER, Role.PARTNER]) {
      const result = await harness.query(CHECK, { cadreId: ofOther.theirs.cadreId }, caller(role, [randomUUID()]));
      expect(result.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    for (const role of [Role.SERVICE, Role.ADMIN]) {
      expect(
        (await harness.query(CHECK, { cadreId: ofOther.theirs.cadreId }, caller(role, null))).body.errors,
      ).toBeUndefined();
    }
  });
});

describe('statistics count the caller’s units', () => {
  it('a commune VIEWER’s term totals equal a SQL count over the commune’s candidates of titles it sees', async () => {
    const { term, commune } = await twoCommunes();
    const totals = async (identity: Identity) =>
      (
        await harness.query<{ planningTermTotals: { entries: number; cadres: number }[] }>(
          `query ($codes: [String!]) { planningTermTotals(termCodes: $codes) { entries cadres } }`,
          { codes: [term.code] },
          identity,
        )
      ).body.data!.planningTermTotals[0];
    const [expected] = await db().query(
      `SELECT count(*)::int AS entries, count(DISTINCT e.cadre_id)::int AS cadres
         FROM planning_entry e JOIN planned_title p ON p.id = e.planned_title_id
        WHERE e.term_id = $1 AND e.cadre_org_unit_id = ANY($2) AND (p.org_unit_id IS NULL OR p.org_unit_id = ANY($2))`,
      [term.id, [commune]],
    );
    // Their candidates for the province's title and for their own; not the one another commune plans.
    expect(expected).toEqual({ entries: 2, cadres: 2 });
    expect(await totals(caller(Role.VIEWER, [commune]))).toEqual(expected);
    expect(await totals(caller(Role.ADMIN, null))).toEqual({ entries: 6, cadres: 6 });
    // Entries by title: the same count, on the titles the commune sees, no row for another commune's title.
    const byTitle = await harness.query<{ planningEntriesByTitle: { total: number; removed: number }[] }>(
      `query ($codes: [String!]) { planningEntriesByTitle(termCodes: $codes) { total removed } }`,
      { codes: [term.code] },
      caller(Role.VIEWER, [commune]),
    );
    expect(byTitle.body.data!.planningEntriesByTitle).toEqual([
      { total: 1, removed: 0 },
      { total: 1, removed: 0 },
    ]);
  });
});

describe('the classification is what runs', () => {
  /** A call of each root field and mutation, with arguments that parse: the refusal must come first. */
  const id = randomUUID();
  const decided = `input: { entryId: "${id}", decisionNumber: "1", decisionDate: "2025-01-01" }`;
  const calls: Record<string, string> = {
    terms: `{ terms { id } }`,
    planningRuleSets: `{ planningRuleSets { code } }`,
    candidates: `{ candidates(plannedTitleId: "${id}") { id } }`,
    planningCheck: `{ planningCheck(cadreId: "${id}", on: "2027-01-01") { inPlanningPool } }`,
    planningTermTotals: `{ planningTermTotals { entries } }`,
    planningEntriesByTitle: `{ planningEntriesByTitle { total } }`,
    benchStrength: `{ benchStrength(termCode: "x") { titles } }`,
    poolComposition: `{ poolComposition(termCode: "x") { cadres } }`,
    successionRisks: `{ successionRisks(termCode: "x") { incumbentId } }`,
    planningRoundChanges: `{ planningRoundChanges { roundCode } }`,
    planningReadAudit: `{ planningReadAudit { id } }`,
    planningMutationAudit: `{ planningMutationAudit { id } }`,
    addPlanningEntry: `mutation { addPlanningEntry(input: { plannedTitleId: "${id}", cadreId: "${id}" }) { errors { code } } }`,
    importPlanningLists: `mutation { importPlanningLists(input: { rows: [], dryRun: true }) { committed } }`,
    approvePlanningEntry: `mutation { approvePlanningEntry(${decided}) { errors { code } } }`,
    realisePlanningEntry: `mutation { realisePlanningEntry(${decided}) { errors { code } } }`,
    removePlanningEntry: `mutation { removePlanningEntry(input: { entryId: "${id}", decisionNumber: "1", decisionDate: "2025-01-01", reason: OTHER }) { errors { code } } }`,
    planTitle: `mutation { planTitle(input: { termId: "${id}", titleId: "${id}", orgUnitId: "${id}" }) { errors { code } } }`,
    createTerm: `mutation { createTerm(input: { code: "x", track: PARTY, startYear: 2030, endYear: 2035, ruleSetCode: "QD-377-2025" }) { errors { code } } }`,
    openPlanningRound: `mutation { openPlanningRound(input: { termId: "${id}", year: 2030 }) { errors { code } } }`,
    reviewPlanningRound: `mutation { reviewPlanningRound(roundId: "${id}") { errors { code } } }`,
    confirmPlanningRemoval: `mutation { confirmPlanningRemoval(input: { flagId: "${id}", decisionNumber: "1", decisionDate: "2025-01-01" }) { errors { code } } }`,
  };

  it('refuses every root field and mutation whose action a role may not take, with no SQL run', async () => {
    let checked = 0;
    for (const root of ['Query', 'Mutation']) {
      for (const [field, decision] of Object.entries(
        must(classification.fields[root], 'both root types are classified'),
      )) {
        for (const role of [Role.ADMIN, Role.ORGANIZER, Role.VIEWER, Role.PARTNER]) {
          const identity = caller(
            role,
            role === Role.ADMIN ? null : [randomUUID()],
            role === Role.PARTNER ? Object.values(Scope) : [],
          );
          const allowed =
            decision === 'public' ||
            decision === 'with-parent' ||
            (decision === 'admin-only'
              ? role === Role.ADMIN
              : 'action' in decision && policy.allows(identity, decision.action));
          if (allowed) continue;
          expect({ field, call: calls[field] !== undefined }).toEqual({ field, call: true });
          const result = await harness.query(must(calls[field], 'checked just above'), {}, identity);
          expect({
            field,
            role,
            codes: result.body.errors?.map((e) => e.extensions?.code),
            sql: result.sqlStatements,
          }).toEqual({ field, role, codes: ['FORBIDDEN'], sql: 0 });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});
