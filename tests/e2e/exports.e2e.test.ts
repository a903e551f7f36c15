import { demoKeys, Role, Scope } from '@cadres/core';
import { CADRE_COLUMNS, GatewayClient, KINDS, runImport } from '@cadres/exchange';
import { withClient } from '@cadres/platform';
import JSZip from 'jszip';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startE2EPlatform, token, type E2EPlatform } from '../support/platform';
import { xlsxRows } from '../support/xlsx';
import { waitFor } from '../support/wait';

/**
 * Exports and documents (issue 19, items 2–4) through the real gateway: files as a client
 * downloads them, read back with the libraries a spreadsheet or document reader uses.
 */
let platform: E2EPlatform;
let admin: string;
const MINH = demoKeys.cadreId(1);
const UNIT = demoKeys.orgUnitId('DB-X-05');

beforeAll(async () => {
  platform = await startE2EPlatform();
  admin = await token({ role: Role.ADMIN });
}, 200_000);

afterAll(() => platform?.stop());

async function download(path: string, bearer: string | null = admin, requestId = `export-${randomUUID()}`) {
  const response = await fetch(`${platform.gatewayUrl}${path}`, {
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), 'x-request-id': requestId },
  });
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    body,
    requestId,
  };
}

const csvLines = (body: Buffer) => body.toString('utf8').split('\r\n').filter(Boolean);

async function totalCadres(bearer: string, filter: Record<string, unknown> = {}): Promise<number> {
  const result = await platform.query<{ cadres: { totalCount: number } }>(
    `query ($f: CadreFilter) { cadres(filter: $f, first: 0) { totalCount } }`,
    { f: filter },
    bearer,
  );
  return result.body.data!.cadres.totalCount;
}

/** A partner agency granted ID numbers in UNIT, a new subject each time. */
function partnerToken(): Promise<string> {
  return token({
    role: Role.PARTNER,
    org: [UNIT],
    scopes: [Scope.PERSONAL_ID],
    agency: 'Sở Nội vụ Lai Châu',
    sub: `partner-${randomUUID()}`,
  });
}

/** personnel's audit rows of a partner's reads under this request id, once written. */
function partnerAudit(requestId: string): Promise<{ agency: string; fields: string[]; cadres: string }[]> {
  return waitFor('the partner export’s audit row', () =>
    withClient(
      platform.databaseUrl,
      async (client) =>
        (
          await client.query(
            `SELECT agency, fields, cardinality(cadre_ids) AS cadres FROM personnel.read_audit WHERE request_id = $1`,
            [requestId],
          )
        ).rows,
    ),
  );
}

describe("the province's history in the import templates' layouts", () => {
  const records = (body: Buffer) => csvLines(body).slice(1);

  it('career events and rosters: a VIEWER gets the rows of its units and no ID number; an admin the same rows with it', async () => {
    const viewer = await token({ role: Role.VIEWER, org: [UNIT] });
    for (const [kind, columns] of [
      ['career-events', KINDS['career-events'].columns],
      ['class-rosters', KINDS['class-rosters'].columns],
    ] as const) {
      const all = await download(`/export/${kind}.csv?orgUnitSubtree=${UNIT}&orderBy=FULL_NAME`);
      expect(all.status).toBe(200);
      expect(csvLines(all.body)[0]).toBe('\uFEFF' + columns.map((c) => c.header).join(','));
      const mine = await download(`/export/${kind}.csv?orderBy=FULL_NAME`, viewer);
      expect(mine.status).toBe(200);
      expect(csvLines(mine.body)[0]).not.toContain('Số định danh cá nhân');
      expect(records(mine.body).length).toBe(records(all.body).length);
      expect(records(all.body).length).toBeGreaterThan(0);
    }
  });

  it('a partner’s career events have no decision column, and its read of ID numbers is audited', async () => {
    const partner = await partnerToken();
    const file = await download('/export/career-events.csv', partner);
    expect(file.status).toBe(200);
    const [header] = csvLines(file.body);
    expect(header).toContain('Số định danh cá nhân');
    expect(header).not.toContain('Số quyết định');
    const rows = await partnerAudit(file.requestId);
    expect(rows[0]).toMatchObject({ fields: expect.arrayContaining(['Cadre.personalIdNumber']) });
  });

  it('planning lists: one term or all, by codes; no removal reason without its scopes; an unknown term refused', async () => {
    const all = await download('/export/planning-lists.csv');
    const one = await download('/export/planning-lists.csv?term=2025-2030');
    expect(one.status).toBe(200);
    expect(csvLines(one.body)[0]).toBe('\uFEFF' + KINDS['planning-lists'].columns.map((c) => c.header).join(','));
    expect(records(one.body).length).toBeGreaterThan(0);
    expect(records(one.body).every((line) => line.split(',')[1] === '2025-2030')).toBe(true);
    expect(records(all.body).length).toBeGreaterThan(records(one.body).length);
    const viewer = await token({ role: Role.VIEWER });
    const seen = await download('/export/planning-lists.xlsx', viewer);
    expect(seen.status).toBe(200);
    const [header] = await xlsxRows(seen.body);
    expect(header).not.toContain('Lý do đưa ra khỏi quy hoạch');
    expect(header).not.toContain('Số định danh cá nhân');
    expect((await download('/export/planning-lists.csv?term=1900-1905')).status).toBe(400);
  });
});

describe('cadre lists', () => {
  it('a CSV of every cadre, all pages, UTF-8 with a BOM, in the import template’s columns', async () => {
    const file = await download('/export/cadres.csv');
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toContain('danh-sach-can-bo.csv');
    expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csvLines(file.body);
    expect(lines[0]).toBe(
      '\uFEFFSTT,Số định danh cá nhân,Họ và tên,Tên gọi khác,Giới tính,Ngày sinh,Nơi sinh,Quê quán,Dân tộc,Tôn giáo,Đối tượng,Mã đơn vị,Ngạch,Ngày bổ nhiệm ngạch,Ngày vào Đảng,Ngày chính thức,Giáo dục phổ thông,Điện thoại,Email',
    );
    expect(lines[0]?.slice(1).split(',')).toEqual(CADRE_COLUMNS.columns.map((c) => c.header));
    // More than one page of 200: the export followed the cursor to the end.
    const total = await totalCadres(admin);
    expect(total).toBeGreaterThan(400);
    expect(lines).toHaveLength(total + 1);
    const minh = (await platform.query<{ cadre: { dateOfBirth: string } }>(`{ cadre(id: "${MINH}") { dateOfBirth } }`))
      .body.data!.cadre;
    const [y, m, d] = minh.dateOfBirth.split('-');
    expect(lines.some((l) => l.includes(',Lò Văn Minh,') && l.includes(`,${d}/${m}/${y},`))).toBe(true);
  }, 120_000);

  it('the same filters as `cadres`: women of one unit’s subtree, as XLSX', async () => {
    const file = await download(`/export/cadres.xlsx?orgUnitSubtree=${UNIT}&sex=FEMALE`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = await xlsxRows(file.body);
    expect(rows.length - 1).toBe(await totalCadres(admin, { orgUnitSubtree: UNIT, sex: 'FEMALE' }));
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.slice(1).every((r) => r[4] === 'Nữ')).toBe(true);
  });

  it('a VIEWER’s export has no sensitive column and only the viewer’s units', async () => {
    const viewer = await token({ role: Role.VIEWER, org: [UNIT] });
    const file = await download('/export/cadres.xlsx', viewer);
    expect(file.status).toBe(200);
    const rows = await xlsxRows(file.body);
    expect(rows[0]).not.toEqual(expect.arrayContaining(['Số định danh cá nhân']));
    for (const sensitive of ['Số định danh cá nhân', 'Tôn giáo', 'Ngày vào Đảng', 'Ngày chính thức'])
      expect(rows[0]).not.toContain(sensitive);
    expect(rows[0]).toContain('Họ và tên');
    expect(rows.length - 1).toBe(await totalCadres(viewer));
    expect(rows.length - 1).toBeLessThan(await totalCadres(admin));
  });

  it('a partner’s export holds what it was granted, and is audited like a partner’s read', async () => {
    const partner = await partnerToken();
    const file = await download('/export/cadres.csv', partner);
    expect(file.status).toBe(200);
    const header = csvLines(file.body)[0];
    expect(header).toContain('Số định danh cá nhân');
    expect(header).not.toContain('Ngày vào Đảng');
    const rows = await partnerAudit(file.requestId);
    expect(rows[0]).toMatchObject({
      agency: 'Sở Nội vụ Lai Châu',
      fields: expect.arrayContaining(['Cadre.personalIdNumber']),
    });
    expect(rows.reduce((sum, r) => sum + Number(r.cadres), 0)).toBe(csvLines(file.body).length - 1);
  });

  it('refuses bad input with a typed error and writes nothing', async () => {
    const badSex = await download('/export/cadres.csv?sex=OTHER');
    expect(badSex.status).toBe(400);
    expect(JSON.parse(badSex.body.toString())).toEqual({
      errors: [{ message: expect.stringContaining('"sex"'), extensions: { code: 'BAD_USER_INPUT', argument: 'sex' } }],
    });
    expect((await download('/export/cadres.csv?minAge=old')).status).toBe(400);
    expect((await download('/export/cadres.pdf')).status).toBe(400);
    const badUnit = await download('/export/cadres.csv?orgUnitSubtree=not-a-unit');
    expect(badUnit.status).toBe(400);
    expect(badUnit.body.toString()).not.toMatch(/SELECT|at .*\.js/);
    const anonymous = await download('/export/cadres.csv', null);
    expect(anonymous.status).toBe(401);
  });
});

describe('statistics and the planning list', () => {
  it('any statistic as a table, with the same arguments as in GraphQL', async () => {
    const file = await download('/export/statistics/classSizeStatistics.csv?from=2021-01-01&to=2023-04-30');
    expect(file.status).toBe(200);
    const lines = csvLines(file.body);
    expect(lines[0]).toContain('Bình quân học viên/lớp');
    expect(lines.find((l) => l.startsWith('LLCT-TRUNG-CAP,') && l.includes(',Tập trung,'))).toMatch(/,47,/);
    expect(lines.find((l) => l.startsWith('LLCT-TRUNG-CAP,') && l.includes(',Không tập trung,'))).toMatch(/,70\.8,/);
    const xlsx = await download(
      '/export/statistics/planningTermTotals.xlsx?termCode=2020-2025,2021-2026,2025-2030,2026-2031',
    );
    const rows = await xlsxRows(xlsx.body);
    expect(rows.slice(1).reduce((sum, r) => sum + Number(r[1]), 0)).toBe(447);
  });

  it('refuses an unknown statistic, a malformed date, and a partner (no statistics for partners)', async () => {
    expect((await download('/export/statistics/nothing.csv')).status).toBe(400);
    expect((await download('/export/statistics/classSizeStatistics.csv?from=2021-13-45')).status).toBe(400);
    const partner = await token({ role: Role.PARTNER, org: [UNIT], agency: 'Sở Nội vụ Lai Châu' });
    const refused = await download('/export/statistics/classSizeStatistics.csv', partner);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body.toString()).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('a term’s planning list: one line per candidate, by title and rank', async () => {
    const file = await download('/export/planning-list.xlsx?term=2025-2030');
    expect({ status: file.status, body: file.status === 200 ? '' : file.body.toString() }).toEqual({
      status: 200,
      body: '',
    });
    const rows = await xlsxRows(file.body);
    expect(rows[0]?.slice(0, 5)).toEqual(['Nhiệm kỳ', 'Chức danh quy hoạch', 'Cấp', 'Thứ tự', 'Họ và tên']);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.slice(1).every((r) => r[0] === '2025-2030')).toBe(true);
    expect(rows.some((r) => r[4] === 'Lò Văn Minh' && r[1] === 'Phó Bí thư Tỉnh ủy')).toBe(true);
    expect((await download('/export/planning-list.csv?term=1900-1905')).status).toBe(400);
    expect((await download('/export/planning-list.csv')).status).toBe(400);
  });
});

describe('the dossier as a PDF', () => {
  /**
   * The text pdf.js reads from the file (pdf-parse), in a node process of its own: pdf.js is an ES
   * module that jest's CommonJS sandbox cannot import.
   */
  async function pdfText(body: Buffer): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'dossier-'));
    try {
      await writeFile(join(dir, 'dossier.pdf'), body);
      const script = `const { PDFParse } = require('pdf-parse');
        new PDFParse({ data: new Uint8Array(require('node:fs').readFileSync(process.argv[1])) }).getText().then((r) => process.stdout.write(r.text));`;
      return (
        await promisify(execFile)(process.execPath, ['-e', script, join(dir, 'dossier.pdf')], {
          cwd: join(__dirname, '..'),
          maxBuffer: 16 << 20,
        })
      ).stdout;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('the profile with the Vietnamese name, career, training and planning, in an embedded font', async () => {
    const file = await download(`/export/dossier/${MINH}.pdf`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/pdf');
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
    // The font travels with the file (a subset of DejaVu Serif), so any reader shows the diacritics.
    expect(file.body.toString('latin1')).toMatch(/\/FontFile2/);
    expect(file.body.toString('latin1')).toMatch(/DejaVuSerif/);
    // A table cell wraps its text over lines: whitespace runs are compared as one space.
    const text = (await pdfText(file.body)).normalize('NFC').replace(/\s+/g, ' ');
    const { dateOfBirth } = (
      await platform.query<{ cadre: { dateOfBirth: string } }>(`{ cadre(id: "${MINH}") { dateOfBirth } }`)
    ).body.data!.cadre;
    const born = dateOfBirth.split('-').reverse().join('/');
    for (const expected of [
      'SƠ YẾU LÝ LỊCH CÁN BỘ, CÔNG CHỨC',
      'LÒ VĂN MINH',
      born,
      'TÓM TẮT QUÁ TRÌNH CÔNG TÁC',
      'Phó Trưởng ban Đảng Tỉnh ủy',
      'Luân chuyển',
      'Huyện Mường Chà',
      'Cao cấp lý luận chính trị',
      'Học viện Chính trị khu vực I',
      'QUY HOẠCH',
      'Phó Bí thư Tỉnh ủy',
      'Số định danh cá nhân',
    ]) {
      expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });
    }
  });

  it('a VIEWER’s profile has no sensitive particulars; another unit’s cadre and a malformed id are refused', async () => {
    const viewer = await token({ role: Role.VIEWER, org: [demoKeys.orgUnitId('DB-BTC')] });
    const file = await download(`/export/dossier/${MINH}.pdf`, viewer);
    expect(file.status).toBe(200);
    const text = (await pdfText(file.body)).normalize('NFC');
    expect(text).toContain('LÒ VĂN MINH');
    expect(text).not.toContain('Số định danh cá nhân');
    expect(text).not.toContain('Ngày vào Đảng');
    const outside = await download(`/export/dossier/${MINH}.pdf`, await token({ role: Role.VIEWER, org: [UNIT] }));
    expect(outside.status).toBe(404);
    expect((await download(`/export/dossier/${randomUUID()}.pdf`)).status).toBe(404);
    expect((await download('/export/dossier/1.pdf')).status).toBe(400);
  });
});

describe('the committee’s report', () => {
  /** The text of each paragraph and table cell of word/document.xml, in order. */
  async function documentText(docx: Buffer): Promise<string> {
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    return xml
      .split(/<\/w:p>/)
      .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
      .join('\n')
      .replace(/&amp;/g, '&');
  }

  /** Each figure of article-figures.md, as the report words or tabulates it. */
  function expectArticleFigures(text: string) {
    const paragraphs = text.split('\n');
    const after = (label: string) => paragraphs.slice(paragraphs.indexOf(label) + 1);
    expect(text).toContain('tỷ lệ 1:1,2');
    expect(text).toContain('101 hệ tập trung, 122 hệ không tập trung, đúng tỷ lệ');
    expect(after('Cao cấp lý luận chính trị hệ tập trung').slice(0, 3)).toEqual(['', '101', 'đạt 100% chỉ tiêu (101)']);
    expect(after('Cao cấp lý luận chính trị hệ không tập trung mở tại tỉnh').slice(0, 2)).toEqual(['2', '122']);
    expect(after('Hoàn chỉnh kiến thức cao cấp lý luận chính trị')[1]).toBe('14');
    expect(after('Đào tạo thạc sĩ ở nước ngoài')[1]).toBe('1');
    expect(after('Trung cấp lý luận chính trị hệ tập trung')[2]).toBe('bình quân 47,0 học viên/lớp');
    expect(after('Trung cấp lý luận chính trị hệ không tập trung')[2]).toBe('bình quân 70,8 học viên/lớp');
    expect(after('Tổng số lớp trung cấp lý luận chính trị')[0]).toBe('22');
    expect(text).toContain('26 lớp bồi dưỡng với tổng số 1.347 học viên');
    expect(text).toContain('cử 94 lượt cán bộ');
    expect(text).toContain('luân chuyển 25 cán bộ');
    expect(text).toContain('447 lượt cán bộ được quy hoạch');
    for (const heading of [
      'I. ĐÀO TẠO, BỒI DƯỠNG LÝ LUẬN CHÍNH TRỊ',
      'II. BỒI DƯỠNG CHUYÊN MÔN, NGHIỆP VỤ',
      'III. CỬ CÁN BỘ THAM GIA CÁC LỚP BỒI DƯỠNG CỦA TRUNG ƯƠNG',
      'IV. LUÂN CHUYỂN, ĐIỀU ĐỘNG CÁN BỘ',
      'V. QUY HOẠCH CÁN BỘ',
    ]) {
      expect(paragraphs).toContain(heading);
    }
  }

  it('reproduces the article’s figures on the demo province (GET /export/report.docx)', async () => {
    const file = await download('/export/report.docx?from=2020-10-01&to=2023-04-30');
    expect(file.status).toBe(200);
    expectArticleFigures(await documentText(file.body));
  });

  it('npm run report writes the same document from the command line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-'));
    try {
      const out = join(dir, 'bao-cao.docx');
      await promisify(execFile)(process.execPath, [
        join(__dirname, '../../gateway/dist/report-cli.js'),
        '--from',
        '2020-10-01',
        '--to',
        '2023-04-30',
        '--out',
        out,
        '--gateway',
        platform.gatewayUrl,
        '--token',
        admin,
      ]);
      expectArticleFigures(await documentText(await readFile(out)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a period that is missing or backwards', async () => {
    expect((await download('/export/report.docx?from=2023-01-01')).status).toBe(400);
    expect((await download('/export/report.docx?from=2023-01-01&to=2022-01-01')).status).toBe(400);
  });
});

describe('round trip', () => {
  /**
   * The demo province's cadres exported, imported back through the import (same database: every
   * row is found by its personal ID number and nothing changes), exported again: the same file.
   * The empty-database variant is import-round-trip.e2e.test.ts. The import's default batches are
   * cut by bytes, within the gateway's REQUEST_SIZE_LIMIT (100 kB).
   */
  it.each(['csv', 'xlsx'] as const)(
    'an exported cadre list (%s) imports back unchanged and exports again identically',
    async (format) => {
      const first = await download(`/export/cadres.${format}`);
      expect(first.status).toBe(200);
      const dir = await mkdtemp(join(tmpdir(), 'round-trip-'));
      try {
        const path = join(dir, `danh-sach.${format}`);
        await writeFile(path, first.body);
        const report = await runImport({
          kind: 'cadres',
          path,
          client: new GatewayClient(platform.graphqlUrl, `Bearer ${admin}`),
          dryRun: false,
        });
        expect({
          errors: report.problems.filter((p) => p.severity === 'ERROR').slice(0, 3),
          created: report.created,
          updated: report.updated,
        }).toEqual({ errors: [], created: 0, updated: 0 });
        expect(report.unchanged).toBe(await totalCadres(admin));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      const second = await download(`/export/cadres.${format}`);
      if (format === 'csv') expect(second.body.equals(first.body)).toBe(true);
      // A zip's entries carry the time they were written: the workbooks are compared cell by cell.
      else expect(await xlsxRows(second.body)).toEqual(await xlsxRows(first.body));
    },
    180_000,
  );
});
