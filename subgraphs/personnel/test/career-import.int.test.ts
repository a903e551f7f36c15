import { Role, type Identity } from '@cadres/core';
import { importBatch, importMutation, problemKeys, useSubgraphHarness } from '@cadres/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { Sex } from '../src/modules/cadre/cadre.entity';
import { personnelSubgraph } from '../src/subgraph';
import { usePlanningFactory } from '../../planning/test/factories';
import { cadreBorn, createOrgUnit, createTitle } from './career-fixtures';

// Rule 8 (a first appointment needs the planning) asks the real planning subgraph, as in production.
const harness = useSubgraphHarness(personnelSubgraph, { peers: ['planning'] });
const planning = usePlanningFactory();

const importRows = (rows: Record<string, unknown>[], dryRun = false, identity?: Identity) =>
  importBatch(harness, 'importCareerEvents', 'ImportCareerEventsInput', rows, dryRun, identity);
const IMPORT = importMutation('importCareerEvents', 'ImportCareerEventsInput');

const decisionNumber = () => `${randomInt(1, 10 ** 9)}-QĐ/TU`;

/** A row of the career-event spreadsheet, as `@cadres/exchange` sends it. */
function row(n: number, fields: Record<string, unknown>) {
  return {
    row: n,
    signedOn: '2021-03-10',
    effectiveOn: '2021-03-15',
    signingAuthority: 'Ban Thường vụ Tỉnh ủy',
    legalBasis: 'Quy định 80-QĐ/TW (2022)',
    subject: 'Bổ nhiệm cán bộ',
    ...fields,
  };
}

/** A cadre planned for a head title of a fresh unit (rule 8 passes), and a second unit to move to. */
async function setting() {
  const db = harness.subgraph.dataSource;
  const unit = await createOrgUnit(db);
  const otherUnit = await createOrgUnit(db);
  const title = await createTitle(db);
  const cadre = await cadreBorn(harness, '1982-04-02', Sex.MALE, unit.id);
  await planning().approvedEntry(cadre.id, title.id, { startYear: 2010, endYear: 2035 });
  const unplanned = await cadreBorn(harness, '1983-07-09', Sex.MALE, unit.id);
  return { unit, otherUnit, title, cadre, unplanned };
}

const changesOf = async (cadreIds: string[]) =>
  (
    await harness.subgraph.dataSource.query<{ action: string }[]>(
      `SELECT action FROM personnel.change_log WHERE cadre_id = ANY($1) ORDER BY id`,
      [cadreIds],
    )
  ).map((c) => c.action);

const decisionsNumbered = async (numbers: string[]) =>
  harness.subgraph.dataSource.query<unknown[]>(`SELECT number FROM personnel.decision WHERE number = ANY($1)`, [
    numbers,
  ]);

it('a dry run names every problem of every row by column, with the nearest codes, and writes nothing', async () => {
  const { unit, otherUnit, title, cadre, unplanned } = await setting();
  const registered = decisionNumber();
  // A decision registered before, which a row contradicts (the database's copy wins).
  expect(
    (
      await importRows([
        row(1, {
          personalIdNumber: cadre.personalIdNumber,
          event: 'SECONDMENT',
          orgUnitCode: otherUnit.code,
          purpose: 'Tăng cường cơ sở',
          plannedEndOn: '2022-03-15',
          decisionNumber: registered,
        }),
      ])
    ).committed,
  ).toBe(true);
  const first = decisionNumber();
  const rows = [
    row(2, {
      personalIdNumber: '011182999999',
      event: 'FIRST',
      titleCode: title.code,
      orgUnitCode: unit.code,
      decisionNumber: first,
    }),
    row(3, {
      personalIdNumber: cadre.personalIdNumber,
      event: 'FIRST',
      titleCode: `${title.code}x`,
      orgUnitCode: `${unit.code}x`,
      decisionNumber: decisionNumber(),
    }),
    row(4, {
      personalIdNumber: cadre.personalIdNumber,
      event: 'FIRST',
      titleCode: title.code,
      orgUnitCode: unit.code,
      decisionNumber: decisionNumber(),
      signedOn: '2021-03-20',
    }),
    row(5, {
      personalIdNumber: cadre.personalIdNumber,
      event: 'FIRST',
      titleCode: title.code,
      orgUnitCode: unit.code,
      decisionNumber: first,
    }),
    row(6, {
      personalIdNumber: cadre.personalIdNumber,
      event: 'FIRST',
      titleCode: title.code,
      orgUnitCode: unit.code,
      decisionNumber: first,
    }),
    row(7, {
      personalIdNumber: unplanned.personalIdNumber,
      event: 'FIRST',
      titleCode: title.code,
      orgUnitCode: unit.code,
      decisionNumber: decisionNumber(),
    }),
    row(8, {
      personalIdNumber: cadre.personalIdNumber,
      event: 'ROTATION',
      orgUnitCode: otherUnit.code,
      purpose: 'Đào tạo',
      plannedEndOn: '2021-09-15',
      decisionNumber: decisionNumber(),
    }),
    row(9, {
      personalIdNumber: cadre.personalIdNumber,
      fullName: 'Người Khác',
      event: 'SECONDMENT',
      orgUnitCode: otherUnit.code,
      purpose: 'Tăng cường',
      plannedEndOn: '2022-03-15',
      decisionNumber: registered,
      subject: 'Nội dung khác',
    }),
  ];
  const result = await importRows(rows, true);
  expect(result).toMatchObject({ dryRun: true, committed: false, created: 1 });
  expect(problemKeys(result)).toEqual([
    '2:personalIdNumber:UNKNOWN_CADRE',
    '3:orgUnitCode:UNKNOWN_ORG_UNIT',
    '3:titleCode:UNKNOWN_TITLE',
    '4:effectiveOn:EFFECTIVE_BEFORE_SIGNING',
    '6:null:DUPLICATE_IN_FILE',
    '7:personalIdNumber:NOT_IN_PLANNING',
    '8:plannedEndOn:ROTATION_TOO_SHORT',
    '9:fullName:NAME_MISMATCH',
    '9:subject:DECISION_MISMATCH',
  ]);
  const suggestion = (reason: string) => result.problems.find((p) => p.reason === reason)?.suggestion;
  expect([suggestion('UNKNOWN_ORG_UNIT'), suggestion('UNKNOWN_TITLE')]).toEqual([unit.code, title.code]);
  // Row 5 alone was fine (created, counted), and rolled back with the rest.
  expect(await decisionsNumbered([first])).toEqual([]);
  expect(await changesOf([unplanned.id])).toEqual([]);
});

it('imports through the API’s services (decisions, appointments, moves, change history); a second run changes nothing', async () => {
  const { unit, otherUnit, title, cadre } = await setting();
  const appointed = decisionNumber();
  const seconded = decisionNumber();
  const rows = [
    row(1, {
      personalIdNumber: cadre.personalIdNumber,
      fullName: cadre.fullName.toUpperCase(),
      event: 'FIRST',
      titleCode: title.code,
      orgUnitCode: unit.code,
      decisionNumber: appointed,
    }),
    row(2, {
      personalIdNumber: cadre.personalIdNumber,
      event: 'SECONDMENT',
      orgUnitCode: otherUnit.code,
      purpose: 'Tăng cường cơ sở',
      plannedEndOn: '2023-06-01',
      decisionNumber: seconded,
      signedOn: '2022-05-20',
      effectiveOn: '2022-06-01',
      subject: 'Biệt phái cán bộ',
    }),
  ];
  expect(await importRows(rows)).toMatchObject({ committed: true, created: 2, unchanged: 0, problems: [] });
  expect(await changesOf([cadre.id])).toEqual(['APPOINTMENT_FIRST', 'MOBILITY_SECONDMENT']);
  expect(await decisionsNumbered([appointed, seconded])).toHaveLength(2);
  const career = await harness.query<{ cadre: { currentAssignments: { title: { code: string } }[] } }>(
    `query ($id: ID!) { cadre(id: $id) { currentAssignments { title { code } } } }`,
    { id: cadre.id },
  );
  expect(career.body.data!.cadre.currentAssignments.map((a) => a.title.code)).toEqual([title.code]);

  expect(await importRows(rows)).toMatchObject({ committed: true, created: 0, unchanged: 2, problems: [] });
  expect(await changesOf([cadre.id])).toHaveLength(2);
});

it('an ORGANIZER imports within their subtrees only, each row decided as recordAppointment/recordMobility would be', async () => {
  const { unit, otherUnit, title, cadre } = await setting();
  const outsider = await cadreBorn(harness, '1980-01-01', Sex.MALE, otherUnit.id);
  const organizer: Identity = {
    subject: `organizer-${randomUUID()}`,
    role: Role.ORGANIZER,
    agency: null,
    scopes: [],
    units: [unit.id],
  };
  const rows = [
    row(1, {
      personalIdNumber: cadre.personalIdNumber,
      event: 'TRANSFER',
      orgUnitCode: otherUnit.code,
      purpose: 'Theo yêu cầu',
      decisionNumber: decisionNumber(),
    }),
    row(2, {
      personalIdNumber: outsider.personalIdNumber,
      event: 'FIRST',
      titleCode: title.code,
      orgUnitCode: unit.code,
      decisionNumber: decisionNumber(),
    }),
  ];
  const result = await importRows(rows, false, organizer);
  expect(result.committed).toBe(false);
  expect(result.problems.map((p) => `${p.row}:${p.field}:${p.code}:${p.reason ?? ''}`).sort()).toEqual([
    '1:orgUnitCode:FORBIDDEN:',
    '2:personalIdNumber:NOT_FOUND:UNKNOWN_CADRE',
  ]);
  expect(await changesOf([cadre.id, outsider.id])).toEqual([]);
  const viewer = await harness.query(
    IMPORT,
    { input: { rows: [], dryRun: true } },
    { ...organizer, role: Role.VIEWER },
  );
  expect(viewer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
