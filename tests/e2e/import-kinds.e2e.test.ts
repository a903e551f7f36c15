import { Role } from '@cadres/core';
import { KINDS, writeRowsXlsx, type ImportKindName, type RowValues } from '@cadres/exchange';
import { randomInt } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startE2EPlatform, token, type E2EPlatform } from '../support/platform';

/**
 * Issue 19: career events, class rosters and planning lists through the dashboard's upload, over
 * real HTTP: the file's own problems (a bad date, an unknown label, a duplicate row) and the owning
 * subgraph's (an unknown ID number, an unknown code with the nearest one) in one report; a career
 * event imported, and the same upload again changing nothing.
 */
let platform: E2EPlatform;
let dir: string;
let admin: string;
const HOME = 'DB-SNV';
const ELSEWHERE = 'DB-STC';

beforeAll(async () => {
  platform = await startE2EPlatform();
  admin = `Bearer ${await token({ role: Role.ADMIN, sub: 'e2e-import-kinds' })}`;
  dir = await mkdtemp(join(tmpdir(), 'import-kinds-e2e-'));
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface ReportProblem {
  row: number;
  key: string | null;
  code: string;
  messageVi: string;
  messageEn: string;
  suggestion?: string;
}

async function upload(kind: ImportKindName, rows: RowValues[], dryRun: boolean) {
  const path = join(dir, `${kind}-${randomInt(0, 1e9)}.xlsx`);
  await writeRowsXlsx(KINDS[kind], rows, path);
  const form = new FormData();
  const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  form.append('file', new Blob([new Uint8Array(await readFile(path))], { type }), 'danh-sach.xlsx');
  const response = await fetch(`${platform.gatewayUrl}/import/${kind}?dryRun=${dryRun}`, {
    method: 'POST',
    body: form,
    headers: { authorization: admin },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown> & { problems: ReportProblem[] };
}

const problemsOf = (report: { problems: ReportProblem[] }) =>
  report.problems.map((p) => `${p.row}:${p.key}:${p.code}`).sort();

/** A cadre of the demo's home department, created through the API: a woman born in 1986. */
async function newCadre(): Promise<string> {
  const personalIdNumber = `0111860${String(randomInt(0, 100_000)).padStart(5, '0')}`;
  const units = await platform.query<{
    orgUnits: { id: string; code: string; children: { id: string; code: string }[] }[];
  }>(`{ orgUnits { id code children { id code } } }`);
  const home = units.body.data!.orgUnits.flatMap((u) => [u, ...u.children]).find((u) => u.code === HOME)!;
  const created = await platform.query<{ createCadre: { errors: unknown[] } }>(
    `mutation ($input: CreateCadreInput!) { createCadre(input: $input) { errors { code reason } } }`,
    {
      input: {
        fullName: 'Quàng Thị Mai',
        sex: 'FEMALE',
        dateOfBirth: '1986-05-20',
        ethnicity: 'Thái',
        personalIdNumber,
        category: 'CIVIL_SERVANT',
        orgUnitId: home.id,
      },
    },
  );
  expect(created.body.data?.createCadre.errors).toEqual([]);
  return personalIdNumber;
}

const secondment = (personalIdNumber: string, decisionNumber: string, overrides: RowValues = {}): RowValues => ({
  personalIdNumber,
  fullName: 'Quàng Thị Mai',
  event: 'SECONDMENT',
  orgUnitCode: ELSEWHERE,
  purpose: 'Tăng cường',
  plannedEndOn: '2026-12-31',
  decisionNumber,
  signedOn: '2025-12-20',
  effectiveOn: '2026-01-02',
  signingAuthority: 'Ban Thường vụ Tỉnh ủy',
  legalBasis: 'Quy định 80-QĐ/TW (2022)',
  subject: 'Biệt phái cán bộ',
  ...overrides,
});

it('career events: one report names the file’s problems and the API’s; a clean file imports once', async () => {
  const personalIdNumber = await newCadre();
  const decision = `${randomInt(1, 10 ** 9)}-QĐ/TU`;
  const report = await upload(
    'career-events',
    [
      secondment(personalIdNumber, decision),
      secondment(personalIdNumber, decision),
      secondment(personalIdNumber, `${decision}-2`, { effectiveOn: '2026-02-31', event: 'Biệt phái tạm' }),
      secondment('011186099999', `${decision}-3`),
      secondment(personalIdNumber, `${decision}-4`, { orgUnitCode: 'DB-STCC' }),
    ],
    true,
  );
  // Rows 4 (title line, Vietnamese and English headers above) onwards.
  expect(problemsOf(report)).toEqual([
    '5:null:DUPLICATE_IN_FILE',
    '6:effectiveOn:INVALID_DATE',
    '6:event:UNKNOWN_VALUE',
    '7:personalIdNumber:UNKNOWN_CADRE',
    '8:orgUnitCode:UNKNOWN_ORG_UNIT',
  ]);
  expect(report.problems.find((p) => p.code === 'UNKNOWN_ORG_UNIT')?.suggestion).toBe(ELSEWHERE);
  expect(report.problems.every((p) => p.messageVi && p.messageEn && p.messageVi !== p.messageEn)).toBe(true);

  const clean = [secondment(personalIdNumber, decision)];
  expect(await upload('career-events', clean, false)).toMatchObject({ committed: true, created: 1, errors: 0 });
  expect(await upload('career-events', clean, false)).toMatchObject({ committed: true, created: 0, unchanged: 1 });
});

it('class rosters and planning lists: the file’s problems and the API’s in one dry run', async () => {
  const roster = await upload(
    'class-rosters',
    [
      { classCode: 'LOP-KHONG-CO', personalIdNumber: '011186099999', status: 'ADMITTED' },
      { classCode: 'LOP-KHONG-CO', personalIdNumber: '011186099999', status: 'ADMITTED' },
      { classCode: 'LOP-KHONG-CO', personalIdNumber: '01118609999', status: 'Đang hoc xong' },
    ],
    true,
  );
  expect(problemsOf(roster)).toEqual([
    '4:classCode:UNKNOWN_CLASS',
    '4:personalIdNumber:UNKNOWN_CADRE',
    '5:null:DUPLICATE_IN_FILE',
    '6:personalIdNumber:INVALID_PERSONAL_ID',
    '6:status:UNKNOWN_VALUE',
  ]);
  const list = await upload(
    'planning-lists',
    [
      { termCode: '2025-2030x', titleCode: 'KHONG-CO', personalIdNumber: '011186099999' },
      { termCode: '2025-2030', titleCode: 'KHONG-CO', personalIdNumber: '011186099999', decisionDate: '2025-13-01' },
    ],
    true,
  );
  expect(problemsOf(list)).toEqual([
    '4:personalIdNumber:UNKNOWN_CADRE',
    '4:termCode:UNKNOWN_TERM',
    '4:titleCode:UNKNOWN_TITLE',
    '5:decisionDate:INVALID_DATE',
  ]);
  expect(list.problems.find((p) => p.code === 'UNKNOWN_TERM')?.suggestion).toBe('2025-2030');
});
