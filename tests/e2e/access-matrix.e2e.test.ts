import { demoKeys, must, Role } from '@cadres/core';
import { withClient } from '@cadres/platform';
import type { GraphQLResult } from '@cadres/testing';
import { randomUUID } from 'node:crypto';
import { startE2EPlatform, token, type E2EPlatform } from '../support/platform';
import { CALLERS, PATHS, type Caller, type Fixture, type Outcome, type Path, type Side } from './access-matrix.table';

/**
 * The generated access matrix (issue 12, item 2): every caller (ADMIN, ORGANIZER, VIEWER, and
 * PARTNER without scopes, with each scope, with all) scoped to one commune, × a cadre (and its
 * decision, enrollment and planning entry) inside that commune and one outside it, × every path
 * that reaches one of them, through the real gateway. Each cell states one exact outcome; the
 * tables live in access-matrix.table.ts. The platform starts once; every answer is fetched in
 * beforeAll (reads first, then writes, a few at a time) and each cell is its own test.
 */
// Two communes, each with a candidate for one of its own planned titles.
const IN_UNIT = demoKeys.orgUnitId('DB-X-05');
const OUT_UNIT = demoKeys.orgUnitId('DB-X-21');

/**
 * Cells that still fail, each naming its defect and the branch that must fix it. They run as
 * `test.failing`: visible, and they turn red the moment the defect is fixed (then delete the line).
 */
const KNOWN_LEAKS: Record<string, string> = {};

let platform: E2EPlatform;
const fixtures = {} as Record<Side, Fixture>;
const answers = new Map<string, { body: GraphQLResult['body']; nonexistent?: GraphQLResult['body'] }>();

const sql = <Row>(text: string, values: unknown[] = []) =>
  withClient(platform.databaseUrl, async (client) => (await client.query(text, values)).rows as Row[]);

/**
 * One side's records, all about one cadre of the commune: a candidate for one of the commune's own
 * planned titles (commune callers see only their own units' candidate lists), holding a post today
 * (with its appointment and decision), with another planning entry that an ADMIN removes (so it has
 * a removal reason), nominated by an ADMIN to a class (so the enrollment has an eligibility snapshot).
 */
async function fixtureOf(
  unit: string,
  side: Side,
  { classId, programmeId }: { classId: string; programmeId: string },
): Promise<Fixture> {
  const [candidacy] = await sql<{ cadre_id: string; entry_id: string; planned_title_id: string }>(
    `SELECT e.cadre_id, e.id AS entry_id, e.planned_title_id
       FROM planning.planning_entry e
       JOIN planning.planned_title pt ON pt.id = e.planned_title_id AND pt.org_unit_id = $1
       JOIN personnel.cadre c ON c.id = e.cadre_id AND c.org_unit_id = $1
      WHERE e.status IN ('PROPOSED', 'APPROVED')
      ORDER BY e.id LIMIT 1`,
    [unit],
  );
  if (!candidacy) throw new Error(`fixture ${side}: no cadre in the planning of ${unit}`);
  const [post] = await sql<{
    full_name: string;
    personal_id: string;
    assignment_id: string;
    title_id: string;
    decision_id: string;
  }>(
    `SELECT c.full_name, c.personal_id_number AS personal_id, a.id AS assignment_id, a.title_id, a.decision_id
       FROM personnel.cadre c
       JOIN personnel.assignment a ON a.cadre_id = c.id AND a.starts_on <= CURRENT_DATE AND (a.ends_on IS NULL OR a.ends_on > CURRENT_DATE) AND NOT a.cancelled
       JOIN personnel.appointment ap ON ap.assignment_id = a.id
      WHERE c.id = $1
      ORDER BY a.id LIMIT 1`,
    [candidacy.cadre_id],
  );
  if (!post) throw new Error(`fixture ${side}: the candidate holds no appointed post`);
  const [other] = await sql<{
    entry_id: string;
    title_id: string;
    planned_title_id: string;
    term_id: string;
    term_code: string;
  }>(
    `SELECT e.id AS entry_id, e.title_id, e.planned_title_id, e.term_id, t.code AS term_code
       FROM planning.planning_entry e JOIN planning.term t ON t.id = e.term_id
      WHERE e.cadre_id = $1 AND e.id <> $2 AND e.status IN ('PROPOSED', 'APPROVED')
      ORDER BY e.id LIMIT 1`,
    [candidacy.cadre_id, candidacy.entry_id],
  );
  if (!other) throw new Error(`fixture ${side}: the candidate is in no other planning`);
  const removed = await platform.query<{ removePlanningEntry: { errors: unknown[] } }>(
    `mutation ($id: ID!) { removePlanningEntry(input: { entryId: $id, decisionNumber: "MX-REMOVED/QĐ-TU", decisionDate: "2026-01-05", reason: DISCIPLINED }) { errors { code reason } } }`,
    { id: other.entry_id },
  );
  if (removed.body.data?.removePlanningEntry.errors.length !== 0)
    throw new Error(`fixture ${side}: removal refused ${JSON.stringify(removed.body)}`);
  const nominated = await platform.query<{ nominate: { enrollment: { id: string } | null; errors: unknown[] } }>(
    `mutation ($input: NominateInput!) { nominate(input: $input) { enrollment { id } errors { code reason } } }`,
    { input: { cadreId: candidacy.cadre_id, classId } },
  );
  const enrollmentId = nominated.body.data?.nominate.enrollment?.id;
  if (!enrollmentId) throw new Error(`fixture ${side}: nomination refused ${JSON.stringify(nominated.body)}`);
  return {
    side,
    unitId: unit,
    cadreId: candidacy.cadre_id,
    fullName: post.full_name,
    personalIdNumber: post.personal_id,
    assignmentId: post.assignment_id,
    titleId: post.title_id,
    decisionId: post.decision_id,
    entryId: other.entry_id,
    entryTitleId: other.title_id,
    candidateEntryId: candidacy.entry_id,
    candidatePlannedTitleId: candidacy.planned_title_id,
    plannedTitleId: other.planned_title_id,
    termId: other.term_id,
    termCode: other.term_code,
    enrollmentId,
    classId,
    programmeId,
  };
}

async function createClass(): Promise<{ classId: string; programmeId: string }> {
  const code = `MX-${randomUUID().slice(0, 8)}`;
  const admin = <Data>(query: string, input: Record<string, unknown>) =>
    platform.query<Data>(query, { input }).then((r) => r.body.data!);
  const programme = await admin<{ createProgramme: { programme: { id: string } } }>(
    `mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { programme { id } } }`,
    {
      code,
      name: 'Kỹ năng lãnh đạo',
      category: 'ADMINISTRATIVE_REFORM',
    },
  );
  const provider = await admin<{ createProvider: { provider: { id: string } } }>(
    `mutation ($input: CreateProviderInput!) { createProvider(input: $input) { provider { id } } }`,
    {
      code,
      name: 'Trường Chính trị tỉnh',
      country: 'VN',
      level: 'PROVINCIAL',
    },
  );
  const trainingClass = await admin<{ createTrainingClass: { trainingClass: { id: string } } }>(
    `mutation ($input: CreateTrainingClassInput!) { createTrainingClass(input: $input) { trainingClass { id } } }`,
    {
      code,
      programmeId: programme.createProgramme.programme.id,
      providerId: provider.createProvider.provider.id,
      mode: 'CONCENTRATED',
      place: 'Điện Biên Phủ',
      startDate: '2027-03-01',
      endDate: '2027-04-30',
      maxSize: 60,
    },
  );
  return {
    classId: trainingClass.createTrainingClass.trainingClass.id,
    programmeId: programme.createProgramme.programme.id,
  };
}

/** Runs `work` over `items`, `width` at a time. */
async function inPool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(must(items[next++], 'next < items.length'));
    }),
  );
}

interface Cell {
  name: string;
  path: Path;
  caller: Caller;
  side: Side | undefined;
  expected: Outcome;
}

/** The table, expanded: one cell per path × caller × side (paths about no one cadre have no side). */
const CELLS: Cell[] = PATHS.flatMap((path) =>
  CALLERS.flatMap((caller) =>
    (path.sided ? (['in', 'out'] as const) : [undefined]).map((side) => {
      const expected = path.expect(caller, side ?? 'in');
      return { name: `${path.name} | ${caller.name} | ${side ?? '-'} → ${expected}`, path, caller, side, expected };
    }),
  ),
);

const tokens = new Map<string, string>();

beforeAll(async () => {
  platform = await startE2EPlatform({ env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
  const training = await createClass();
  fixtures.in = await fixtureOf(IN_UNIT, 'in', training);
  fixtures.out = await fixtureOf(OUT_UNIT, 'out', training);
  for (const caller of CALLERS) {
    tokens.set(
      caller.name,
      await token({
        role: caller.role,
        org: caller.role === Role.ADMIN ? [] : [IN_UNIT],
        scopes: caller.scopes,
        agency: caller.role === Role.PARTNER ? 'Sở Nội vụ tỉnh Lai Châu' : undefined,
        sub: `matrix-${caller.name}`,
      }),
    );
  }
  // Reads first, then writes (whose effects must not change what a read cell sees).
  for (const writes of [false, true]) {
    await inPool(
      CELLS.filter((cell) => Boolean(cell.path.write) === writes),
      6,
      async (cell) => {
        const fixture = fixtures[cell.side ?? 'in'];
        const bearer = tokens.get(cell.caller.name)!;
        const body = (await platform.query(cell.path.query, cell.path.variables(fixture), bearer)).body;
        // An out-of-scope id must answer exactly as an id nobody has.
        const nonexistent =
          cell.expected === 'NOT_FOUND' && cell.path.nonexistent
            ? (await platform.query(cell.path.query, cell.path.nonexistent(fixture), bearer)).body
            : undefined;
        answers.set(cell.name, { body, nonexistent });
      },
    );
  }
  process.stdout.write(
    `access matrix: ${CELLS.length} cells (${PATHS.length} paths × ${CALLERS.length} callers × in/out of scope)\n`,
  );
}, 300_000);

afterAll(() => platform?.stop());

const codesOf = (body: GraphQLResult['body']) => (body.errors ?? []).map((error) => error.extensions?.code as string);

function check(cell: Cell): void {
  const { body, nonexistent } = answers.get(cell.name)!;
  const fixture = fixtures[cell.side ?? 'in'];
  const codes = codesOf(body);
  const found = cell.path.found(body.data ?? null, fixture);
  const text = JSON.stringify(body);
  // What the caller must never see, whatever the outcome: the out-of-scope unit's people and records.
  const outSecrets =
    cell.caller.role === Role.ADMIN
      ? []
      : [
          fixtures.out.cadreId,
          fixtures.out.personalIdNumber,
          fixtures.out.decisionId,
          fixtures.out.entryId,
          fixtures.out.enrollmentId,
          fixtures.out.assignmentId,
          fixtures.out.candidateEntryId,
        ];
  const leaked = outSecrets.filter((secret) => text.includes(secret));
  switch (cell.expected) {
    case 'DATA':
      expect({ codes, found }).toEqual({ codes: [], found: true });
      break;
    case 'ALLOWED':
      // No error at all, and no refusal on the payload (a business rule's answer is fine).
      expect({
        codes,
        payloadRefusals: (cell.path.payloadCodes?.(body.data ?? null) ?? []).filter(
          (code) => code === 'FORBIDDEN' || code === 'NOT_FOUND',
        ),
      }).toEqual({ codes: [], payloadRefusals: [] });
      break;
    case 'FORBIDDEN':
      expect({ found, codes: [...new Set(codes)] }).toEqual({ found: false, codes: ['FORBIDDEN'] });
      break;
    case 'NOT_FOUND':
      expect({
        found,
        codes: [...new Set([...codes, ...(cell.path.payloadCodes?.(body.data ?? null) ?? [])])],
      }).toEqual({ found: false, codes: [cell.path.notFoundCode ?? 'NOT_FOUND'] });
      if (cell.path.notFoundCode) expect(text).toContain('"reason":"NOT_FOUND"');
      if (nonexistent) expect(body).toEqual(nonexistent);
      break;
    case 'ABSENT':
      // Left out of a list; other rows of the list may still carry their own refusals.
      expect({ found, codes: codes.filter((code) => code !== 'FORBIDDEN' && code !== 'NOT_FOUND') }).toEqual({
        found: false,
        codes: [],
      });
      break;
  }
  expect({ leaked }).toEqual({ leaked: [] });
}

describe('access matrix through the gateway: caller × path × in/out of scope', () => {
  it('covers every caller, path and side', () => {
    expect(CELLS.length).toBeGreaterThan(500);
  });
  for (const cell of CELLS) {
    const leak = KNOWN_LEAKS[cell.name];
    (leak ? test.failing : test)(cell.name, () => check(cell));
  }
});
