import { demoKeys, Role } from '@cadres/core';
import { CADRE_COLUMNS, writeRowsXlsx, type RowValues } from '@cadres/exchange';
import { randomInt } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startE2EPlatform, token, type E2EPlatform } from '../support/platform';

/**
 * Issue 19: the dashboard's upload, over real HTTP, as an ORGANIZER of one department: a dry run
 * reports, an import writes within their scope only, a second upload changes nothing, and what is
 * not an acceptable spreadsheet is refused with a typed answer before anything is imported.
 */
let platform: E2EPlatform;
let dir: string;
let organizer: string;
const HOME = 'DB-SNV';
const ELSEWHERE = 'DB-STC';

beforeAll(async () => {
  platform = await startE2EPlatform();
  organizer = `Bearer ${await token({ role: Role.ORGANIZER, org: [demoKeys.orgUnitId(HOME)], sub: 'e2e-import-organizer' })}`;
  dir = await mkdtemp(join(tmpdir(), 'import-upload-e2e-'));
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A personal ID number consistent with a woman born in 1986 (century/sex digit 1, year 86). */
const personalId = () => `0111860${String(randomInt(0, 100_000)).padStart(5, '0')}`;

function cadre(overrides: RowValues = {}): RowValues {
  return {
    personalIdNumber: personalId(),
    fullName: 'Quàng Thị Mai',
    sex: 'FEMALE',
    dateOfBirth: '1986-05-20',
    ethnicity: 'Thái',
    category: 'CIVIL_SERVANT',
    orgUnitCode: HOME,
    ...overrides,
  };
}

async function upload(
  kind: string,
  body: { name: string; type: string; bytes: Buffer } | null,
  query = '',
  authorization: string | null = organizer,
) {
  const form = new FormData();
  if (body) form.append('file', new Blob([new Uint8Array(body.bytes)], { type: body.type }), body.name);
  const response = await fetch(`${platform.gatewayUrl}/import/${kind}${query}`, {
    method: 'POST',
    body: form,
    headers: authorization ? { authorization } : {},
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & {
      error?: { code: string; messageVi: string; messageEn: string };
    },
  };
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(rows: RowValues[]): Promise<{ name: string; type: string; bytes: Buffer }> {
  const path = join(dir, `rows-${randomInt(0, 1e9)}.xlsx`);
  await writeRowsXlsx(CADRE_COLUMNS, rows, path);
  return { name: 'danh-sach.xlsx', type: XLSX, bytes: await readFile(path) };
}

const countWith = async (ids: string[]) => {
  const found = await Promise.all(
    ids.map((id) =>
      platform.query<{ cadreByPersonalId: { id: string } | null }>(
        `query ($n: String!) { cadreByPersonalId(personalIdNumber: $n) { id } }`,
        { n: id },
      ),
    ),
  );
  return found.filter((r) => r.body.data?.cadreByPersonalId).length;
};

it('an ORGANIZER’s dry run names every problem, in both languages, and writes nothing', async () => {
  const rows = [
    cadre(),
    cadre({ orgUnitCode: ELSEWHERE }),
    cadre({ orgUnitCode: 'DB-SNVV' }),
    cadre({ personalIdNumber: '011186000001', sex: 'MALE' }),
  ];
  const { status, body } = await upload('cadres', await workbook(rows));
  expect(status).toBe(200);
  const problems = body.problems as {
    row: number;
    code: string;
    messageVi: string;
    messageEn: string;
    suggestion?: string;
  }[];
  expect(problems.map((p) => `${p.row}:${p.code}`).sort()).toEqual([
    '5:FORBIDDEN',
    '6:UNKNOWN_ORG_UNIT',
    '7:PERSONAL_ID_MISMATCH',
  ]);
  expect(problems.find((p) => p.code === 'UNKNOWN_ORG_UNIT')?.suggestion).toBe(HOME);
  expect(problems.every((p) => p.messageVi && p.messageEn)).toBe(true);
  expect(body).toMatchObject({ dryRun: true, committed: false, rows: 4, errors: 3 });
  expect(await countWith(rows.map((r) => String(r.personalIdNumber)))).toBe(0);
});

it('imports a clean file within the ORGANIZER’s unit, and the same upload again changes nothing', async () => {
  const file = await workbook([
    cadre(),
    cadre({
      fullName: 'Lò Văn Pọm',
      sex: 'MALE',
      personalIdNumber: `0110860${String(randomInt(0, 100_000)).padStart(5, '0')}`,
    }),
  ]);
  const first = await upload('cadres', file, '?dryRun=false');
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ committed: true, created: 2, updated: 0, unchanged: 0, errors: 0 });
  const again = await upload('cadres', file, '?dryRun=false');
  // The same file: its batch is recorded as imported, so it is not sent again.
  expect(again.body).toMatchObject({ committed: true, created: 0, updated: 0, resumedBatches: 1 });
});

describe('what is not an acceptable upload is refused before any import', () => {
  it('without a token: 401', async () => {
    expect((await upload('cadres', await workbook([cadre()]), '', null)).status).toBe(401);
  });

  it('an unknown kind: 404; no file: 400; a .pdf: 415', async () => {
    expect((await upload('payroll', await workbook([cadre()]))).body.error?.code).toBe('UNKNOWN_KIND');
    expect((await upload('cadres', null)).body.error?.code).toBe('NO_FILE');
    const pdf = await upload('cadres', { name: 'ho-so.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.7') });
    expect([pdf.status, pdf.body.error?.code]).toEqual([415, 'UNSUPPORTED_TYPE']);
  });

  it('a file over the 20 MB limit: 413, cut off while streaming', async () => {
    const big = await upload('cadres', {
      name: 'lon.csv',
      type: 'text/csv',
      bytes: Buffer.alloc(21 * 1024 * 1024, 0x41),
    });
    expect([big.status, big.body.error?.code]).toEqual([413, 'FILE_TOO_LARGE']);
  });

  it('a renamed binary or a damaged workbook: 422 with the reader’s own code and message', async () => {
    const damaged = await workbook([cadre()]);
    const cut = await upload('cadres', { ...damaged, bytes: damaged.bytes.subarray(0, damaged.bytes.length >> 1) });
    expect([cut.status, cut.body.error?.code]).toEqual([422, 'CORRUPT_FILE']);
    expect(cut.body.error?.messageVi).toMatch(/hỏng/);
  });
});
