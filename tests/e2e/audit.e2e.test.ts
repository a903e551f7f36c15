import { must, Role, Scope } from '@cadres/core';
import { withClient } from '@cadres/platform';
import { randomUUID } from 'node:crypto';
import { startE2EPlatform, token, type E2EPlatform } from '../support/platform';
import { waitFor } from '../support/wait';

/**
 * Audit without gaps (issue 12, item 7), read in the database itself: every partner read of a
 * sensitive field, on every path, leaves a row; every mutation's row commits with its change, so
 * even a process killed right after the commit cannot lose it.
 */
let platform: E2EPlatform;
let province: string;
const ALL_SCOPES = Object.values(Scope);

beforeAll(async () => {
  platform = await startE2EPlatform();
  province = must(
    (await platform.query<{ orgUnits: { id: string }[] }>(`{ orgUnits { id } }`)).body.data!.orgUnits[0],
    'the province, first of the units',
  ).id;
}, 200_000);

afterAll(() => platform?.stop());

const sql = <Row>(text: string, values: unknown[] = []) =>
  withClient(platform.databaseUrl, async (client) => (await client.query(text, values)).rows as Row[]);
/** The first row of a fixture query over the demo data, which has one. */
const sqlFirst = async <Row>(text: string, values: unknown[] = []) =>
  must((await sql<Row>(text, values))[0], `a demo row for ${text}`);

/** Sends `query` with its own request id, by which the audit rows it left are found. */
async function send<Data = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown>,
  bearer?: string,
) {
  const requestId = `audit-${randomUUID()}`;
  const result = await platform.query<Data>(query, variables, bearer, { 'x-request-id': requestId });
  return { requestId, body: result.body };
}

const partner = (scopes: string[] = ALL_SCOPES) =>
  token({ role: Role.PARTNER, org: [province], scopes, agency: 'Thanh tra tỉnh', sub: `partner-${randomUUID()}` });

interface ReadRow {
  actor: string;
  agency: string;
  cadre_ids: string[];
  fields: string[];
}
const readRows = (schema: 'personnel' | 'training' | 'planning', requestId: string) =>
  sql<ReadRow>(`SELECT actor, agency, cadre_ids, fields FROM ${schema}.read_audit WHERE request_id = $1`, [requestId]);

interface MutationRow {
  actor: string;
  role: string;
  operation: string | null;
  result: Record<string, unknown> | null;
  errors: unknown;
}
const mutationRows = (schema: 'personnel' | 'training' | 'planning', requestId: string) =>
  sql<MutationRow>(
    `SELECT actor, role, operation, result, errors FROM ${schema}.mutation_audit WHERE request_id = $1`,
    [requestId],
  );

describe('partner reads of sensitive fields, on every path', () => {
  it('audits an ID-number lookup, found or not: the question itself says whom the partner looked for', async () => {
    const { id, personal_id_number: number } = await sqlFirst<{ id: string; personal_id_number: string }>(
      `SELECT id, personal_id_number FROM personnel.cadre WHERE personal_id_number IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const bearer = await partner([Scope.PERSONAL_ID]);
    const found = await send(
      `query ($n: String!) { cadreByPersonalId(personalIdNumber: $n) { id fullName } }`,
      { n: number },
      bearer,
    );
    expect(found.body.errors).toBeUndefined();
    expect(await readRows('personnel', found.requestId)).toEqual([
      expect.objectContaining({ agency: 'Thanh tra tỉnh', cadre_ids: [id], fields: ['Query.cadreByPersonalId'] }),
    ]);

    const missing = await send(
      `query ($n: String!) { cadreByPersonalId(personalIdNumber: $n) { id } }`,
      { n: '099999999999' },
      bearer,
    );
    expect(missing.body.data?.cadreByPersonalId ?? null).toBeNull();
    expect(await readRows('personnel', missing.requestId)).toEqual([
      expect.objectContaining({ cadre_ids: [], fields: ['Query.cadreByPersonalId'] }),
    ]);
  });

  it('audits a planning entry’s removal reason and review flags, read through the cadre’s dossier (an _entities path)', async () => {
    const { cadre_id: cadreId } = await sqlFirst<{ cadre_id: string }>(
      `SELECT e.cadre_id FROM planning.planning_entry e JOIN planning.round_flag f ON f.entry_id = e.id WHERE e.removal_reason IS NOT NULL ORDER BY e.id LIMIT 1`,
    );
    const read = await send<{
      cadre: { planningHistory: { removalReason: string | null; reviewFlags: unknown[] | null }[] };
    }>(
      `query ($id: ID!) { cadre(id: $id) { fullName planningHistory { status removalReason reviewFlags { reason } } } }`,
      { id: cadreId },
      await partner([Scope.DISCIPLINE, Scope.EVALUATION]),
    );
    expect(read.body.errors).toBeUndefined();
    expect(
      read.body.data!.cadre.planningHistory.some((entry) => entry.removalReason && entry.reviewFlags?.length),
    ).toBe(true);
    expect(await readRows('planning', read.requestId)).toEqual([
      expect.objectContaining({
        cadre_ids: [cadreId],
        fields: ['PlanningEntry.removalReason', 'PlanningEntry.reviewFlags'],
      }),
    ]);
    // Plain fields of the same dossier leave nothing in personnel's audit.
    expect(await readRows('personnel', read.requestId)).toEqual([]);
  });

  it('audits an enrollment’s eligibility snapshot (training had no read audit before)', async () => {
    // An ADMIN builds a class and nominates a cadre: nominate stores the eligibility snapshot.
    const code = `AUD-${randomUUID().slice(0, 8)}`;
    const programme = await send<{ createProgramme: { programme: { id: string } } }>(
      `mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { programme { id } errors { code } } }`,
      { input: { code, name: 'Cải cách hành chính', category: 'ADMINISTRATIVE_REFORM' } },
    );
    const provider = await send<{ createProvider: { provider: { id: string } } }>(
      `mutation ($input: CreateProviderInput!) { createProvider(input: $input) { provider { id } errors { code } } }`,
      { input: { code, name: 'Trường Chính trị tỉnh', country: 'VN', level: 'PROVINCIAL' } },
    );
    const trainingClass = await send<{ createTrainingClass: { trainingClass: { id: string } } }>(
      `mutation ($input: CreateTrainingClassInput!) { createTrainingClass(input: $input) { trainingClass { id } errors { code } } }`,
      {
        input: {
          code,
          programmeId: programme.body.data!.createProgramme.programme.id,
          providerId: provider.body.data!.createProvider.provider.id,
          mode: 'CONCENTRATED',
          place: 'Điện Biên Phủ',
          startDate: '2027-03-01',
          endDate: '2027-04-30',
          maxSize: 30,
        },
      },
    );
    const { id: cadreId } = await sqlFirst<{ id: string }>(`SELECT id FROM personnel.cadre ORDER BY id LIMIT 1`);
    const nomination = await send<{ nominate: { enrollment: { id: string } | null; errors: unknown[] } }>(
      `mutation Nominate($input: NominateInput!) { nominate(input: $input) { enrollment { id } errors { code reason } } }`,
      { input: { cadreId, classId: trainingClass.body.data!.createTrainingClass.trainingClass.id } },
    );
    expect(nomination.body.data?.nominate.errors).toEqual([]);
    // Each of these writes has exactly one audit row, written with its change, holding the outcome.
    const [audit] = await mutationRows('training', nomination.requestId);
    expect(await mutationRows('training', nomination.requestId)).toHaveLength(1);
    expect(audit).toMatchObject({
      role: 'ADMIN',
      operation: 'Nominate',
      errors: null,
      result: {
        nominate: expect.objectContaining({
          cadreId,
          eligibility: expect.objectContaining({ rule: expect.any(String) }),
        }),
      },
    });

    const read = await send<{ cadre: { trainingHistory: { eligibility: unknown }[] } }>(
      `query ($id: ID!) { cadre(id: $id) { trainingHistory { status eligibility } } }`,
      { id: cadreId },
      await partner([Scope.PARTY, Scope.EVALUATION]),
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data!.cadre.trainingHistory.some((enrollment) => enrollment.eligibility)).toBe(true);
    expect(await readRows('training', read.requestId)).toEqual([
      expect.objectContaining({ agency: 'Thanh tra tỉnh', cadre_ids: [cadreId], fields: ['Enrollment.eligibility'] }),
    ]);
  });

  it('records nothing for a partner refused the field, nor for other roles', async () => {
    const { id } = await sqlFirst<{ id: string }>(`SELECT id FROM personnel.cadre ORDER BY id LIMIT 1`);
    const query = `query ($id: ID!) { cadre(id: $id) { fullName personalIdNumber trainingHistory { eligibility } planningHistory { removalReason } } }`;
    const refused = await send(query, { id }, await partner([]));
    expect(refused.body.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    const organizer = await send(query, { id }, await token({ role: Role.ORGANIZER, org: [province] }));
    for (const { requestId } of [refused, organizer]) {
      for (const schema of ['personnel', 'training', 'planning'] as const)
        expect(await readRows(schema, requestId)).toEqual([]);
    }
  });
});

describe('mutation audit', () => {
  const DECISION = `mutation Register($input: CreateDecisionInput!) { createDecision(input: $input) { decision { id number } errors { code reason field } } }`;
  const decisionInput = (number: string, effectiveOn = '2026-02-02') => ({
    number,
    signedOn: '2026-02-02',
    effectiveOn,
    signingAuthority: 'UBND tỉnh',
    legalBasis: 'Thử',
    subject: 'Thử',
  });

  it('writes one row per committed mutation, in its transaction, with the service’s outcome', async () => {
    const number = `AUD-${randomUUID()}`;
    const { requestId, body } = await send(
      DECISION,
      { input: decisionInput(number) },
      await token({ role: Role.ORGANIZER, org: [province], sub: 'organizer-audit' }),
    );
    expect(body.errors).toBeUndefined();
    expect(await mutationRows('personnel', requestId)).toEqual([
      {
        actor: 'organizer-audit',
        role: 'ORGANIZER',
        operation: 'Register',
        errors: null,
        result: { createDecision: expect.objectContaining({ number }) },
      },
    ]);
  });

  it('still audits refusals — a role refused, a rule refused on the payload — with the answer given', async () => {
    const forbidden = await send(
      DECISION,
      { input: decisionInput(`AUD-${randomUUID()}`) },
      await token({ role: Role.VIEWER, org: [province], sub: 'viewer-audit' }),
    );
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [refusedRole] = await mutationRows('personnel', forbidden.requestId);
    expect(refusedRole).toMatchObject({
      actor: 'viewer-audit',
      role: 'VIEWER',
      result: null,
      errors: [expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })],
    });

    const invalid = await send(DECISION, { input: decisionInput(`AUD-${randomUUID()}`, '2026-01-01') });
    expect(invalid.body.data).toMatchObject({
      createDecision: { decision: null, errors: [expect.objectContaining({ reason: 'EFFECTIVE_BEFORE_SIGNING' })] },
    });
    expect(await mutationRows('personnel', invalid.requestId)).toEqual([
      expect.objectContaining({
        role: 'ADMIN',
        result: {
          createDecision: expect.objectContaining({
            errors: [expect.objectContaining({ reason: 'EFFECTIVE_BEFORE_SIGNING' })],
          }),
        },
      }),
    ]);
  });

  it('keeps the audit row of every committed change when personnel is killed (SIGKILL) mid-stream', async () => {
    const prefix = `KILL-${randomUUID().slice(0, 8)}-`;
    const organizer = await token({ role: Role.ORGANIZER, org: [province], sub: 'organizer-crash' });
    let sent = 0;
    let stopped = false;
    // Eight clients each send decisions one after another until personnel stops answering.
    const stream = async () => {
      while (!stopped) {
        const n = sent++;
        const result = await platform
          .query(DECISION, { input: decisionInput(`${prefix}${n}`) }, organizer, { 'x-request-id': `${prefix}${n}` })
          .catch(() => undefined);
        if (!result || result.body.errors) stopped = true;
      }
    };
    const clients = Array.from({ length: 8 }, stream);
    const committed = () =>
      sql<{ n: number }>(`SELECT count(*)::int AS n FROM personnel.decision WHERE number LIKE $1`, [`${prefix}%`]);
    while (((await committed())[0]?.n ?? 0) < 40) await new Promise((resolve) => setImmediate(resolve));
    process.kill(platform.pids.personnel!, 'SIGKILL');
    await Promise.all(clients);
    // Once personnel's connections are gone, PostgreSQL has committed or rolled back all it began.
    await waitFor(
      "personnel's connections to be gone",
      async () =>
        (
          await sql<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'cadres-personnel'`,
          )
        )[0]?.n === 0,
    );

    const changes = await sql<{ request_id: string; number: string; audited: boolean; audited_number: string | null }>(
      `SELECT c.request_id, d.number,
              a.id IS NOT NULL AS audited,
              -- the service's outcome (the decision), or the final answer (its payload) for a row written after it
              coalesce(a.result -> 'createDecision' ->> 'number', a.result -> 'createDecision' -> 'decision' ->> 'number') AS audited_number
         FROM personnel.decision d
         JOIN personnel.change_log c ON c.entity_id = d.id AND c.action = 'DECISION_CREATED'
         LEFT JOIN personnel.mutation_audit a ON a.request_id = c.request_id
        WHERE d.number LIKE $1`,
      [`${prefix}%`],
    );
    expect(changes.length).toBeGreaterThanOrEqual(40);
    // Every committed decision: its change row, and its audit row naming the same decision.
    expect(
      changes.filter(
        (change) => !change.audited || change.audited_number !== change.number || change.request_id !== change.number,
      ),
    ).toEqual([]);
    // And no audit row claims a change that did not commit.
    const claimed = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM personnel.mutation_audit WHERE request_id LIKE $1 AND errors IS NULL`,
      [`${prefix}%`],
    );
    expect(claimed[0]?.n).toBe(changes.length);
  }, 60_000);
});
