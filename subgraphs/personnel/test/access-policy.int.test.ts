/**
 * Personnel's access policy (issue 12) against the leaks it closes: a caller scoped to one unit
 * learns nothing of a cadre or a decision outside it — a lookup, a reference, a nested path and
 * every mutation answer exactly as for a thing that does not exist — and a partner agency reads
 * no decision on any path.
 */
import { must, Role, Scope, type Identity } from '@cadres/core';
import { representations, useSubgraphHarness, type GraphQLResult } from '@cadres/testing';
import { randomUUID } from 'node:crypto';
import { Cadre } from '../src/modules/cadre/cadre.entity';
import { classification, personnelPolicy } from '../src/policy';
import { personnelSubgraph } from '../src/subgraph';
import { appoint, cadreBorn, createOrgUnit, createTitle, decision, type Harness } from './career-fixtures';

const harness: Harness = useSubgraphHarness(personnelSubgraph);
/** Unit A is the callers' subtree; unit B is outside it. */
let unitA: string;
let unitB: string;
let inside: Cadre;
let outside: Cadre;
let titleId: string;
let decisionInside: string;
let decisionOutside: string;

const as = (role: Role, scopes: string[] = [], subject = `${role.toLowerCase()}-${randomUUID()}`): Identity => ({
  subject,
  role,
  agency: role === Role.PARTNER ? 'Sở Nội vụ tỉnh Lai Châu' : null,
  scopes,
  units: [unitA],
});
const ALL_SCOPES = Object.values(Scope);

beforeAll(async () => {
  [unitA, unitB] = [
    (await createOrgUnit(harness.subgraph.dataSource)).id,
    (await createOrgUnit(harness.subgraph.dataSource)).id,
  ];
  [inside, outside] = [
    await cadreBorn(harness, '1980-03-04', undefined, unitA),
    await cadreBorn(harness, '1981-05-06', undefined, unitB),
  ];
  // A multi-seat title, so both cadres hold it; acting appointments, which need no planning check.
  titleId = (await createTitle(harness.subgraph.dataSource, { isHead: false, maxHolders: 5 })).id;
  const appointed = [];
  for (const [cadre, unit] of [
    [inside, unitA],
    [outside, unitB],
  ] as const) {
    appointed.push(
      await appoint(harness, {
        cadreId: cadre.id,
        kind: 'ACTING',
        titleId,
        orgUnitId: unit,
        effectiveOn: '2024-03-01',
      }),
    );
  }
  const [a, b] = appointed.map((r) => r.appointment?.id);
  if (!a || !b) throw new Error(`appointments not recorded: ${JSON.stringify(appointed)}`);
  const decisionsOf = await harness.query<{ cadre: { currentAssignments: { decision: { id: string } }[] } }>(
    `query ($id: ID!) { cadre(id: $id) { currentAssignments { decision { id } } } }`,
    { id: inside.id },
  );
  decisionInside = must(decisionsOf.body.data!.cadre.currentAssignments[0], 'the cadre inside was appointed').decision
    .id;
  const decisionsOfOutside = await harness.query<{ cadre: { currentAssignments: { decision: { id: string } }[] } }>(
    `query ($id: ID!) { cadre(id: $id) { currentAssignments { decision { id } } } }`,
    { id: outside.id },
  );
  decisionOutside = must(decisionsOfOutside.body.data!.cadre.currentAssignments[0], 'the cadre outside was appointed')
    .decision.id;
});

/** What a client sees of a refusal: everything but where in the query it happened. */
const refusal = (result: GraphQLResult) => ({
  data: result.body.data,
  errors: result.body.errors?.map(({ message, extensions }) => ({ message, extensions })),
});

describe('a lookup outside the subtree answers exactly as one of nothing', () => {
  const CADRE = `query ($id: ID!) { cadre(id: $id) { id fullName } }`;
  const BY_NUMBER = `query ($n: String!) { cadreByPersonalId(personalIdNumber: $n) { id fullName } }`;

  it.each([
    ['ORGANIZER', () => as(Role.ORGANIZER)],
    ['VIEWER', () => as(Role.VIEWER)],
    ['PARTNER with every scope', () => as(Role.PARTNER, ALL_SCOPES)],
  ])('cadre(id) for %s', async (_role, identity) => {
    const out = await harness.query(CADRE, { id: outside.id }, identity());
    const none = await harness.query(CADRE, { id: randomUUID() }, identity());
    expect(refusal(out)).toEqual(refusal(none));
    expect(refusal(out)).toEqual({
      data: { cadre: null },
      errors: [{ message: 'Cadre does not exist', extensions: { code: 'NOT_FOUND', entity: 'Cadre' } }],
    });
    expect(out.text).not.toContain(outside.id);
    expect((await harness.query(CADRE, { id: inside.id }, identity())).body.data).toEqual({
      cadre: { id: inside.id, fullName: inside.fullName },
    });
  });

  it.each([
    ['ORGANIZER', () => as(Role.ORGANIZER)],
    ['PARTNER granted pii:read', () => as(Role.PARTNER, [Scope.PERSONAL_ID])],
  ])('cadreByPersonalId for %s: no oracle over the register', async (_role, identity) => {
    const out = await harness.query(BY_NUMBER, { n: outside.personalIdNumber }, identity());
    const none = await harness.query(BY_NUMBER, { n: '000000000017' }, identity());
    expect(refusal(out)).toEqual(refusal(none));
    expect(refusal(out).errors).toEqual([
      { message: 'Cadre does not exist', extensions: { code: 'NOT_FOUND', entity: 'Cadre' } },
    ]);
    expect(out.text).not.toContain(outside.id);
    expect(out.text).not.toContain(outside.personalIdNumber);
    expect((await harness.query(BY_NUMBER, { n: inside.personalIdNumber }, identity())).body.data).toEqual({
      cadreByPersonalId: { id: inside.id, fullName: inside.fullName },
    });
  });

  it('cadreByPersonalId is refused to a role without pii:read before anything is looked up', async () => {
    for (const identity of [as(Role.VIEWER), as(Role.PARTNER, [Scope.FAMILY])]) {
      const result = await harness.query(BY_NUMBER, { n: outside.personalIdNumber }, identity);
      expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(result.sqlStatements).toBe(0);
    }
  });

  it('a reference to a cadre outside resolves to null, as an unknown one', async () => {
    const result = await harness.query(
      `query ($refs: [_Any!]!) { _entities(representations: $refs) { ... on Cadre { id } } }`,
      {
        refs: representations('Cadre', [outside.id, randomUUID(), inside.id]),
      },
      as(Role.VIEWER),
    );
    expect(result.body).toEqual({ data: { _entities: [null, null, { id: inside.id }] } });
  });

  it('a unit outside lists none of its cadres, a title none of its holders there', async () => {
    const viewer = as(Role.VIEWER);
    const unit = await harness.query<{ orgUnit: { cadres: { id: string }[] } }>(
      `query ($id: ID!) { orgUnit(id: $id) { cadres { id } } }`,
      { id: unitB },
      viewer,
    );
    expect(unit.body.data!.orgUnit.cadres).toEqual([]);
    const holders = await harness.query<{ title: { holders: { cadre: { id: string } | null }[] } }>(
      `query ($id: ID!) { title(id: $id) { holders { cadre { id } } } }`,
      { id: titleId },
      viewer,
    );
    expect(holders.body.data!.title.holders).toEqual([{ cadre: { id: inside.id } }]);
    const listed = await harness.query<{ titleHolders: { cadre: { id: string } | null }[] }>(
      `query ($ids: [ID!]!) { titleHolders(titleIds: $ids) { cadre { id } } }`,
      { ids: [titleId] },
      viewer,
    );
    expect(listed.body.data!.titleHolders).toEqual([{ cadre: { id: inside.id } }]);
  });
});

describe('decisions', () => {
  const DECISION = `query ($id: ID!) { decision(id: $id) { id number subject } }`;

  it.each([
    ['ORGANIZER', () => as(Role.ORGANIZER)],
    ['VIEWER', () => as(Role.VIEWER)],
  ])('decision(id) for %s: one concerning only cadres outside answers as an unknown one', async (_role, identity) => {
    const out = await harness.query(DECISION, { id: decisionOutside }, identity());
    const none = await harness.query(DECISION, { id: randomUUID() }, identity());
    expect(refusal(out)).toEqual(refusal(none));
    expect(refusal(out).errors).toEqual([
      { message: 'Decision does not exist', extensions: { code: 'NOT_FOUND', entity: 'Decision' } },
    ]);
    expect(out.text).not.toContain(decisionOutside);
    const mine = await harness.query<{ decision: { id: string } }>(DECISION, { id: decisionInside }, identity());
    expect(mine.body.data!.decision.id).toBe(decisionInside);
  });

  it('a decision concerning nobody yet is seen by whoever registered it, and by nobody else scoped', async () => {
    const organizer = as(Role.ORGANIZER);
    const created = await harness.query<{ createDecision: { decision: { id: string } } }>(
      `mutation { createDecision(input: { number: "${randomUUID()}", signedOn: "2025-01-02", effectiveOn: "2025-01-02", signingAuthority: "UBND", legalBasis: "Thử", subject: "Thử" }) { decision { id } } }`,
      {},
      organizer,
    );
    const fresh = created.body.data!.createDecision.decision.id;
    expect((await harness.query(DECISION, { id: fresh }, organizer)).body.errors).toBeUndefined();
    const other = await harness.query(DECISION, { id: fresh }, as(Role.ORGANIZER));
    expect(refusal(other).errors).toEqual([
      { message: 'Decision does not exist', extensions: { code: 'NOT_FOUND', entity: 'Decision' } },
    ]);
  });

  it('a partner agency reads no decision, on any path', async () => {
    const partner = as(Role.PARTNER, ALL_SCOPES);
    expect((await harness.query(DECISION, { id: decisionInside }, partner)).body.errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const paths = [
      [
        `query ($id: ID!) { cadre(id: $id) { careerHistory { ... on Assignment { decision { number } appointments { decision { number } } } } } }`,
        { id: inside.id },
      ],
      [`query ($id: ID!) { cadre(id: $id) { currentAssignments { decision { number } } } }`, { id: inside.id }],
      [
        `query ($id: ID!) { title(id: $id) { holders { decision { number } appointments { decision { subject } } } } }`,
        { id: titleId },
      ],
      [`query ($ids: [ID!]!) { titleHolders(titleIds: $ids) { decision { number } } }`, { ids: [titleId] }],
    ] as const;
    const { number } = (
      await harness.subgraph.dataSource.query(`SELECT number FROM personnel.decision WHERE id = $1`, [decisionInside])
    )[0];
    for (const [query, variables] of paths) {
      const result = await harness.query(query, variables, partner);
      expect(result.text).not.toContain(number);
      expect(result.body.errors?.length).toBeGreaterThan(0);
      expect(new Set(result.body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    }
    for (const list of [
      'appointmentsExpiring(withinDays: 3650) { decision { number } }',
      'mobilitiesEnding(withinDays: 3650) { decision { number } }',
    ]) {
      const result = await harness.query(`{ ${list} }`, {}, partner);
      expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('the province’s staff read the decision of a record they see, through every path', async () => {
    const viewer = as(Role.VIEWER);
    const result = await harness.query<{ title: { holders: { decision: { id: string } | null }[] } }>(
      `query ($id: ID!) { title(id: $id) { holders { decision { id } } } }`,
      { id: titleId },
      viewer,
    );
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.title.holders).toEqual([{ decision: { id: decisionInside } }]);
  });
});

describe('every mutation about a cadre or a decision outside the subtree answers as for nothing', () => {
  const MUTATIONS: [string, string, (cadreId: string, decisionId: string) => Record<string, unknown>][] = [
    [
      'updateCadre',
      `mutation ($id: ID!) { updateCadre(id: $id, input: { hometown: "Mường Phăng" }) { cadre { id } errors { code reason field message } } }`,
      (id) => ({ id }),
    ],
    [
      'recordAppointment',
      `mutation ($input: RecordAppointmentInput!) { recordAppointment(input: $input) { appointment { id } errors { code reason field message } } }`,
      (cadreId, decisionId) => ({ input: { cadreId, decisionId, kind: 'FIRST', titleId, orgUnitId: unitA } }),
    ],
    [
      'recordMobility',
      `mutation ($input: RecordMobilityInput!) { recordMobility(input: $input) { mobility { id } errors { code reason field message } } }`,
      (cadreId, decisionId) => ({
        input: { cadreId, decisionId, kind: 'TRANSFER', toOrgUnitId: unitA, purpose: 'Thử' },
      }),
    ],
    [
      'recordEvaluation',
      `mutation ($input: RecordEvaluationInput!) { recordEvaluation(input: $input) { evaluation { id } errors { code reason field message } } }`,
      (cadreId, decisionId) => ({ input: { cadreId, decisionId, year: 2024, rating: 'GOOD' } }),
    ],
    [
      'recordDiscipline',
      `mutation ($input: RecordDisciplineInput!) { recordDiscipline(input: $input) { discipline { id } errors { code reason field message } } }`,
      (cadreId, decisionId) => ({ input: { cadreId, decisionId, form: 'REPRIMAND', reason: 'Thử' } }),
    ],
  ];

  let changesBefore: number;
  const changesOfOutside = async () =>
    (
      await harness.subgraph.dataSource.query(
        `SELECT count(*)::int AS count FROM personnel.change_log WHERE cadre_id = $1`,
        [outside.id],
      )
    )[0].count as number;
  beforeAll(async () => {
    changesBefore = await changesOfOutside();
  });

  it.each(MUTATIONS)('%s: a cadre outside', async (_name, mutation, variables) => {
    const organizer = as(Role.ORGANIZER);
    const own = await decision(harness, '2025-01-02');
    const out = await harness.query(mutation, variables(outside.id, own), organizer);
    const none = await harness.query(mutation, variables(randomUUID(), own), organizer);
    expect(refusal(out)).toEqual(refusal(none));
    expect(refusal(out).errors).toEqual([
      { message: 'Cadre does not exist', extensions: { code: 'NOT_FOUND', entity: 'Cadre' } },
    ]);
    expect(out.text).not.toContain(outside.id);
  });

  it.each(MUTATIONS.filter(([name]) => name !== 'updateCadre'))(
    '%s: citing a decision about cadres outside',
    async (_name, mutation, variables) => {
      const organizer = as(Role.ORGANIZER);
      const out = await harness.query(mutation, variables(inside.id, decisionOutside), organizer);
      const none = await harness.query(mutation, variables(inside.id, randomUUID()), organizer);
      expect(out.body).toEqual(none.body);
      expect(JSON.stringify(out.body.data)).toContain(
        '"errors":[{"code":"NOT_FOUND","reason":null,"field":null,"message":"Decision does not exist"}]',
      );
      expect(out.text).not.toContain(decisionOutside);
    },
  );

  it('nothing was written about the cadre outside by any of them', async () => {
    expect(await changesOfOutside()).toBe(changesBefore);
  });

  it('cancelling a decision and changing a rule are ADMIN’s alone', async () => {
    const cancel = `mutation ($input: CancelDecisionInput!) { cancelDecision(input: $input) { errors { code } } }`;
    const define = `mutation { definePersonnelRuleSetting(input: { key: "APPOINTMENT_TERM_YEARS", value: 4, legalBasis: "Thử", effectiveFrom: "2030-01-01" }) { errors { code } } }`;
    for (const identity of [as(Role.ORGANIZER), as(Role.VIEWER), as(Role.PARTNER, ALL_SCOPES)]) {
      const refused = await harness.query(
        cancel,
        { input: { decisionId: decisionInside, cancellingDecisionId: decisionOutside, reason: 'Thử' } },
        identity,
      );
      expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(refused.text).not.toContain(decisionOutside);
      expect((await harness.query(define, {}, identity)).body.errors?.map((e) => e.extensions?.code)).toEqual([
        'FORBIDDEN',
      ]);
    }
  });
});

describe('the classification is what runs', () => {
  /** Every field the policy says needs a scope, by type. */
  const scoped = Object.entries(classification.fields).flatMap(([type, fields]) =>
    Object.entries(fields).flatMap(([field, decision]) =>
      typeof decision === 'object' && 'scope' in decision ? [{ type, field, scope: decision.scope }] : [],
    ),
  );

  it('declares scopes only where this test can reach them (a cadre)', () => {
    expect(new Set(scoped.map((s) => s.type))).toEqual(new Set(['Cadre']));
  });

  it('refuses each scoped field to a partner without its scope, and gives it with it', async () => {
    // A list or object field is asked for with `__typename`, so the test needs no knowledge of its type.
    const selection = (field: string) =>
      ['familyMembers', 'evaluations', 'disciplines'].includes(field) ? `${field} { __typename }` : field;
    for (const { field, scope } of scoped) {
      const query = `query ($id: ID!) { cadre(id: $id) { id ${selection(field)} } }`;
      const without = await harness.query<{ cadre: Record<string, unknown> }>(
        query,
        { id: inside.id },
        as(
          Role.PARTNER,
          ALL_SCOPES.filter((s) => s !== scope),
        ),
      );
      expect({
        field,
        codes: without.body.errors?.map((e) => e.extensions?.code),
        value: without.body.data?.cadre[field],
      }).toEqual({ field, codes: ['FORBIDDEN'], value: null });
      const granted = await harness.query(query, { id: inside.id }, as(Role.PARTNER, [scope]));
      expect({ field, errors: granted.body.errors }).toEqual({ field, errors: undefined });
    }
  });

  it('refuses every root field and mutation whose action a role may not take, before it runs', async () => {
    // Arguments that parse; the refusal must come before any of them is looked at.
    const id = randomUUID();
    const calls: Record<string, string> = {
      cadreByPersonalId: `{ cadreByPersonalId(personalIdNumber: "001090000001") { id } }`,
      cadresByIds: `{ cadresByIds(ids: ["${id}"]) { id } }`,
      decision: `{ decision(id: "${id}") { id } }`,
      appointmentsExpiring: `{ appointmentsExpiring(withinDays: 30) { id } }`,
      mobilitiesEnding: `{ mobilitiesEnding(withinDays: 30) { id } }`,
      mobilityStatistics: `{ mobilityStatistics(from: "2020-01-01") { kind } }`,
      personnelOverview: `{ personnelOverview { total } }`,
      changeHistory: `{ changeHistory(cadreId: "${id}") { id } }`,
      personnelReadAudit: `{ personnelReadAudit { id } }`,
      personnelMutationAudit: `{ personnelMutationAudit { id } }`,
      orgUnitSubtreeIds: `{ orgUnitSubtreeIds(ids: ["${id}"]) }`,
      createCadre: `mutation { createCadre(input: { fullName: "A", sex: MALE, dateOfBirth: "1990-01-01", ethnicity: "Thái", personalIdNumber: "001090000001", category: CIVIL_SERVANT, orgUnitId: "${id}" }) { errors { code } } }`,
      updateCadre: `mutation { updateCadre(id: "${id}", input: { hometown: "A" }) { errors { code } } }`,
      createDecision: `mutation { createDecision(input: { number: "x", signedOn: "2025-01-01", effectiveOn: "2025-01-01", signingAuthority: "A", legalBasis: "A", subject: "A" }) { errors { code } } }`,
      cancelDecision: `mutation { cancelDecision(input: { decisionId: "${id}", cancellingDecisionId: "${id}", reason: "A" }) { errors { code } } }`,
      recordAppointment: `mutation { recordAppointment(input: { cadreId: "${id}", kind: FIRST, titleId: "${id}", orgUnitId: "${id}", decisionId: "${id}" }) { errors { code } } }`,
      recordMobility: `mutation { recordMobility(input: { cadreId: "${id}", kind: TRANSFER, purpose: "A", toOrgUnitId: "${id}", decisionId: "${id}" }) { errors { code } } }`,
      recordEvaluation: `mutation { recordEvaluation(input: { cadreId: "${id}", year: 2024, rating: GOOD, decisionId: "${id}" }) { errors { code } } }`,
      recordDiscipline: `mutation { recordDiscipline(input: { cadreId: "${id}", form: REPRIMAND, reason: "A", decisionId: "${id}" }) { errors { code } } }`,
      cadreImportProgress: `{ cadreImportProgress(fileHash: "${'0'.repeat(64)}") }`,
      importCadres: `mutation { importCadres(input: { rows: [], dryRun: true }) { committed } }`,
      importCareerEvents: `mutation { importCareerEvents(input: { rows: [], dryRun: true }) { committed } }`,
      cadresByPersonalIds: `{ cadresByPersonalIds(personalIdNumbers: ["001090000001"]) { id } }`,
      definePersonnelRuleSetting: `mutation { definePersonnelRuleSetting(input: { key: "APPOINTMENT_TERM_YEARS", value: 4, legalBasis: "A", effectiveFrom: "2030-01-01" }) { errors { code } } }`,
    };
    let checked = 0;
    for (const root of ['Query', 'Mutation']) {
      for (const [field, decision] of Object.entries(
        must(classification.fields[root], 'both root types are classified'),
      )) {
        if (typeof decision !== 'object' || !('action' in decision)) continue;
        for (const role of [Role.ADMIN, Role.ORGANIZER, Role.VIEWER, Role.PARTNER]) {
          const identity = as(role, role === Role.PARTNER ? ALL_SCOPES : []);
          if (personnelPolicy.allows(identity, decision.action)) continue;
          const call = calls[field];
          expect({ field, call: call !== undefined }).toEqual({ field, call: true });
          const result = await harness.query(must(call, 'checked just above'), {}, identity);
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
