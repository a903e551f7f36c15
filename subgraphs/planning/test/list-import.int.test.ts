import { Role, type Identity } from '@cadres/core';
import { importBatch, importMutation, problemKeys, useSubgraphHarness } from '@cadres/testing';
import { randomUUID } from 'node:crypto';
import { usePersonnelFactory, type CadreRecordOptions, type SeededCadre } from '../../personnel/test/factories';
import { planningSubgraph } from '../src/subgraph';

// The list's cadres and titles are found by number and code in the real personnel subgraph, over HTTP.
const harness = useSubgraphHarness(planningSubgraph, { peers: ['personnel'] });
const db = () => harness.subgraph.dataSource;
const personnel = usePersonnelFactory();

const importRows = (rows: Record<string, unknown>[], dryRun = false, identity?: Identity) =>
  importBatch(harness, 'importPlanningLists', 'ImportPlanningListsInput', rows, dryRun, identity);
const IMPORT = importMutation('importPlanningLists', 'ImportPlanningListsInput');

/** A term 2030–2035 under QĐ 377/2025, created through the API; its code. */
async function term(): Promise<{ id: string; code: string }> {
  const code = `T-${randomUUID().slice(0, 8)}`;
  const result = await harness.query<{ createTerm: { term: { id: string } } }>(
    `mutation ($input: CreateTermInput!) { createTerm(input: $input) { term { id } errors { code reason } } }`,
    {
      input: {
        code,
        track: 'PARTY',
        startYear: 2030,
        endYear: 2035,
        ruleSetCode: 'QD-377-2025',
        ageReferenceDates: { PROVINCE: '2030-01-01', COMMUNE: '2030-01-01' },
      },
    },
  );
  return { id: result.body.data!.createTerm.term.id, code };
}

/** A personnel title of rank 80, planned for the term through the API; its code. */
async function plannedTitle(termId: string): Promise<{ code: string; plannedTitleId: string; titleId: string }> {
  const title = await personnel().title(80);
  const result = await harness.query<{ planTitle: { plannedTitle: { id: string } } }>(
    `mutation ($input: PlanTitleInput!) { planTitle(input: $input) { plannedTitle { id } errors { code reason } } }`,
    { input: { termId, titleId: title.id } },
  );
  return { code: title.code, plannedTitleId: result.body.data!.planTitle.plannedTitle.id, titleId: title.id };
}

type Candidate = SeededCadre;

/** A cadre of personnel holding a rank-50 post (so a rank-80 title is above it). */
const candidate = (options: CadreRecordOptions = {}): Promise<Candidate> =>
  personnel().cadre({ dateOfBirth: '1985-05-05', titleRank: 50, ...options });

const row = (n: number, termCode: string, code: string, who: Candidate, fields: Record<string, unknown> = {}) => ({
  row: n,
  termCode,
  titleCode: code,
  personalIdNumber: who.personalIdNumber,
  ...fields,
});

const entriesOf = async (cadreIds: string[]) =>
  (
    await db().query<{ cadre_id: string; status: string }[]>(
      `SELECT cadre_id, status FROM planning.planning_entry WHERE cadre_id = ANY($1) ORDER BY status`,
      [cadreIds],
    )
  ).map((e) => `${cadreIds.indexOf(e.cadre_id)}:${e.status}`);

it('a dry run names every problem of every row by column, with the nearest codes, and writes nothing', async () => {
  const { id: termId, code: termCode } = await term();
  const { code, plannedTitleId } = await plannedTitle(termId);
  const unplanned = (await personnel().title(80)).code;
  const [a, b, c, senior, listed, named] = [
    await candidate(),
    await candidate(),
    await candidate(),
    await candidate({ titleRank: 90 }),
    await candidate(),
    await candidate(),
  ];
  // On the list already (through the API): the same row again changes nothing.
  const added = await harness.query(
    `mutation ($input: AddPlanningEntryInput!) { addPlanningEntry(input: $input) { entry { id } } }`,
    { input: { plannedTitleId, cadreId: listed.id } },
  );
  expect(added.body.errors).toBeUndefined();
  const result = await importRows(
    [
      row(1, termCode, code, { ...a, personalIdNumber: '011085999999' }),
      row(2, `${termCode}x`, code, a),
      row(3, termCode, `${code}x`, a),
      row(4, termCode, code, senior),
      row(5, termCode, code, a, { readiness: 'ONE_TO_TWO_YEARS', candidateRank: 1 }),
      row(6, termCode, code, a),
      row(7, termCode, code, b, { status: 'APPROVED', decisionNumber: '12-QĐ/TU' }),
      row(8, termCode, code, c, { status: 'APPROVED', decisionNumber: '12-QĐ/TU', decisionDate: '2099-01-01' }),
      row(9, termCode, code, listed),
      row(10, termCode, unplanned, named, { fullName: 'Người Khác' }),
    ],
    true,
  );
  expect(result).toMatchObject({ dryRun: true, committed: false, created: 1, unchanged: 1 });
  expect(problemKeys(result)).toEqual([
    '10:fullName:NAME_MISMATCH',
    '10:titleCode:TITLE_NOT_PLANNED',
    '1:personalIdNumber:UNKNOWN_CADRE',
    '2:termCode:UNKNOWN_TERM',
    '3:titleCode:UNKNOWN_TITLE',
    '4:personalIdNumber:NOT_ABOVE_CURRENT_POST',
    '6:null:DUPLICATE_IN_FILE',
    '7:decisionDate:REQUIRED',
    '8:decisionDate:DATE_IN_FUTURE',
  ]);
  const suggestion = (reason: string) => result.problems.find((p) => p.reason === reason)?.suggestion;
  expect([suggestion('UNKNOWN_TERM'), suggestion('UNKNOWN_TITLE')]).toEqual([termCode, code]);
  expect(await entriesOf([a.id, b.id, c.id, listed.id])).toEqual(['3:PROPOSED']);
});

it('imports through addPlanningEntry’s and approvePlanningEntry’s services; a second run changes nothing', async () => {
  const { id: termId, code: termCode } = await term();
  const { code } = await plannedTitle(termId);
  const [a, b] = [await candidate(), await candidate()];
  const rows = [
    row(1, termCode, code, a, { status: 'APPROVED', decisionNumber: '35-QĐ/TU', decisionDate: '2025-10-01' }),
    row(2, termCode, code, b, { fullName: b.fullName, source: 'EXTERNAL', readiness: 'READY_NOW' }),
  ];
  expect(await importRows(rows)).toMatchObject({ committed: true, created: 2, problems: [] });
  expect(await entriesOf([a.id, b.id])).toEqual(['0:APPROVED', '1:PROPOSED']);
  expect(await importRows(rows)).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 2 });
  // The next decision approves the proposal: an update through approvePlanningEntry's service.
  expect(
    await importRows([{ ...rows[1], status: 'APPROVED', decisionNumber: '36-QĐ/TU', decisionDate: '2025-11-01' }]),
  ).toMatchObject({ committed: true, updated: 1 });
  expect(await entriesOf([a.id, b.id])).toEqual(['0:APPROVED', '1:APPROVED']);
});

it('a cadre planned for one title in two units is two entries, each found again by its unit', async () => {
  const { id: termId, code: termCode } = await term();
  const title = await personnel().title(80);
  const units = [await personnel().unit(), await personnel().unit()];
  for (const unit of units) {
    const planned = await harness.query(
      `mutation ($input: PlanTitleInput!) { planTitle(input: $input) { plannedTitle { id } errors { code reason } } }`,
      { input: { termId, titleId: title.id, orgUnitId: unit.id } },
    );
    expect(planned.body.errors).toBeUndefined();
  }
  const who = await candidate();
  const rows = units.map((unit, i) => row(i + 1, termCode, title.code, who, { orgUnitCode: unit.code }));
  expect(await importRows(rows)).toMatchObject({ committed: true, created: 2, problems: [] });
  expect(await entriesOf([who.id])).toEqual(['0:PROPOSED', '0:PROPOSED']);
  // Each row finds its own entry again: nothing changes the second time.
  expect(await importRows(rows)).toMatchObject({ committed: true, created: 0, unchanged: 2 });
});

it('an ORGANIZER is refused cadres outside their subtrees and the province’s own titles, as addPlanningEntry refuses them', async () => {
  const { id: termId, code: termCode } = await term();
  const { code } = await plannedTitle(termId);
  const [mine, other] = [await candidate(), await candidate()];
  const organizer: Identity = {
    subject: `organizer-${randomUUID()}`,
    role: Role.ORGANIZER,
    agency: null,
    scopes: [],
    units: [mine.orgUnitId],
  };
  const result = await importRows([row(1, termCode, code, mine), row(2, termCode, code, other)], false, organizer);
  expect(result.committed).toBe(false);
  expect(result.problems.map((p) => `${p.row}:${p.code}:${p.reason ?? ''}`)).toEqual([
    '1:FORBIDDEN:',
    '2:NOT_FOUND:UNKNOWN_CADRE',
  ]);
  expect(await entriesOf([mine.id, other.id])).toEqual([]);
  const viewer = await harness.query(
    IMPORT,
    { input: { rows: [], dryRun: true } },
    { ...organizer, role: Role.VIEWER },
  );
  expect(viewer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

it('imports removals and realisations through removePlanningEntry’s and realisePlanningEntry’s services; EXPIRED is refused', async () => {
  const { id: termId, code: termCode } = await term();
  const { code, titleId } = await plannedTitle(termId);
  const [a, b, c, d, e, f] = [
    await candidate(),
    await candidate(),
    await candidate(),
    await candidate(),
    await candidate(),
    await candidate(),
  ];
  const approved = { status: 'APPROVED', decisionNumber: '40-QĐ/TU', decisionDate: '2025-10-01' };
  const removed = { status: 'REMOVED', decisionNumber: '41-QĐ/TU', decisionDate: '2025-10-05', removalReason: 'OTHER' };
  const checked = await importRows(
    [
      row(1, termCode, code, a, approved),
      row(2, termCode, code, b),
      row(3, termCode, code, c, removed),
      row(4, termCode, code, d, { status: 'REALISED', decisionNumber: '42-QĐ/TU', decisionDate: '2026-01-01' }),
      row(5, termCode, code, e, { status: 'EXPIRED' }),
      row(6, termCode, code, f, { ...removed, removalReason: null }),
    ],
    true,
  );
  expect(problemKeys(checked)).toEqual([
    '4:status:INVALID_TRANSITION',
    '5:status:STATUS_NOT_IMPORTABLE',
    '6:removalReason:REQUIRED',
  ]);
  expect(await entriesOf([a.id, b.id, c.id, d.id, e.id, f.id])).toEqual([]);

  // A new entry listed as removed is proposed, then removed with the row's decision and reason.
  const first = [row(1, termCode, code, a, approved), row(2, termCode, code, b), row(3, termCode, code, c, removed)];
  expect(await importRows(first)).toMatchObject({ committed: true, created: 3, problems: [] });
  expect(await entriesOf([a.id, b.id, c.id])).toEqual(['0:APPROVED', '1:PROPOSED', '2:REMOVED']);
  const [removal] = await db().query<{ removal_reason: string; removed_decision_number: string; removed_on: string }[]>(
    `SELECT removal_reason, removed_decision_number, to_char(removed_on, 'YYYY-MM-DD') AS removed_on FROM planning.planning_entry WHERE cadre_id = $1`,
    [c.id],
  );
  expect(removal).toEqual({ removal_reason: 'OTHER', removed_decision_number: '41-QĐ/TU', removed_on: '2025-10-05' });

  // A later list: the approved entry came true by an appointment in personnel's career; the proposal was removed.
  const appointment = await personnel().assignment(a.id, titleId, '2026-01-15');
  const later = [
    row(1, termCode, code, a, { status: 'REALISED', decisionNumber: '50-QĐ/TU', decisionDate: '2026-06-01' }),
    row(2, termCode, code, b, { ...removed, decisionNumber: '51-QĐ/TU', removalReason: 'OVER_AGE' }),
  ];
  expect(await importRows(later)).toMatchObject({ committed: true, updated: 2, problems: [] });
  expect((await entriesOf([a.id, b.id, c.id])).sort()).toEqual(['0:REALISED', '1:REMOVED', '2:REMOVED']);
  const [realised] = await db().query<{ realised_assignment_id: string; realised_decision_number: string }[]>(
    `SELECT realised_assignment_id, realised_decision_number FROM planning.planning_entry WHERE cadre_id = $1`,
    [a.id],
  );
  expect(realised).toEqual({ realised_assignment_id: appointment.id, realised_decision_number: '50-QĐ/TU' });
  expect(await importRows(later)).toMatchObject({ committed: true, updated: 0, unchanged: 2 });

  // A realisation with no appointment behind it, and a removed entry listed as a proposal again, are refused.
  expect((await importRows([row(1, termCode, code, d, approved)])).committed).toBe(true);
  const refused = await importRows(
    [
      row(1, termCode, code, d, { status: 'REALISED', decisionNumber: '52-QĐ/TU', decisionDate: '2026-06-01' }),
      row(2, termCode, code, c),
    ],
    true,
  );
  expect(problemKeys(refused)).toEqual(['1:status:NO_MATCHING_APPOINTMENT', '2:status:STATUS_DIFFERS']);
});
