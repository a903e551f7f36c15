import { demoKeys, must, Role } from '@cadres/core';
import { CADRE_COLUMNS, writeRowsXlsx, type RowValues } from '@cadres/exchange';
import ExcelJS from 'exceljs';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { startE2EPlatform, type E2EPlatform } from '../support/platform';
import { waitFor } from '../support/wait';

/**
 * The dashboard's filters, files and uploads in Debian's headless Chromium against the whole
 * platform on the demo province: the org-unit filter on the training and planning pages (figures
 * equal the API's for that unit, in the URL), XLSX exports that parse and equal the table (the
 * gateway's export with the user's token, and one written in the page), and the upload page (hidden
 * from a VIEWER; a dry run shows a known error row, in Vietnamese and in English; a wrong file type
 * refused before sending). axe-core clean.
 */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOTS = process.env.BROWSER_SCREENSHOTS_DIR || join(__dirname, '..', '..', 'test-output', 'browser');
const TIMEOUT = 90_000;

let platform: E2EPlatform | undefined;
let browser: Browser | undefined;
let origin: string;
let dir: string;
const problems: string[] = [];

async function signedIn(
  role: Role,
  path: string,
): Promise<{ context: BrowserContext; page: Page; graphqlPosts: Request[] }> {
  const context = await browser!.newContext({
    viewport: { width: 1360, height: 1000 },
    locale: 'vi-VN',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const graphqlPosts: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) problems.push(`request to another origin: ${request.url()}`);
    if (request.url() === `${origin}/graphql` && request.method() === 'POST') graphqlPosts.push(request);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${origin}${path}`);
  await page.locator(`[data-dev-role="${role}"]`).click();
  await page.locator(`.who[data-role="${role}"]`).waitFor();
  return { context, page, graphqlPosts };
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `dashboard-${name}.png`), fullPage: true });
}

function column(page: Page, table: string, index: number): Promise<string[]> {
  return page
    .locator(`[data-table="${table}"] tbody tr td:nth-child(${index + 1})`)
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-value') ?? ''));
}

async function seriousViolations(page: Page): Promise<string[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> };
      }
    ).axe;
    return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes)`);
}

/** Clicks a table's XLSX button and reads the downloaded workbook's first sheet as rows of cell values. */
async function downloadXlsx(page: Page, table: string): Promise<{ name: string; rows: unknown[][] }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`[data-export-xlsx="${table}"]`).click(),
  ]);
  const path = join(dir, `${table}-${Date.now()}.xlsx`);
  await download.saveAs(path);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const rows: unknown[][] = [];
  must(workbook.worksheets[0], 'a workbook has a sheet').eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1)),
  );
  return { name: download.suggestedFilename(), rows };
}

const TRAINEES = `query ($unit: ID) {
  traineesByCategory(from: "2020-10-01", to: "2023-04-30", providerLevel: PROVINCIAL, orgUnitSubtree: $unit) { category classes trainees }
  classSizeStatistics(from: "2020-10-01", to: "2023-04-30", orgUnitSubtree: $unit) { programmeCode mode trainees }
}`;
interface Trainees {
  traineesByCategory: { category: string; classes: number; trainees: number }[];
  classSizeStatistics: { programmeCode: string; mode: string; trainees: number }[];
}
const total = (data: Trainees) => data.traineesByCategory.reduce((sum, row) => sum + row.trainees, 0);

/** What the planning page shows of its default term (PLANNING_DEFAULTS), for one unit or all. */
const PLANNING = `query ($unit: ID) {
  benchStrength(termCode: "2025-2030", orgUnitSubtree: $unit) { candidates titles }
  poolComposition(termCode: "2025-2030", orgUnitSubtree: $unit) { cadres ageBrackets { cadres } }
}`;
interface Planning {
  benchStrength: { candidates: number; titles: number }[];
  poolComposition: { cadres: number; ageBrackets: { cadres: number }[] };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  dir = await mkdtemp(join(tmpdir(), 'dashboard-exchange-'));
  [platform, browser] = await Promise.all([
    startE2EPlatform(),
    chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      timeout: TIMEOUT,
    }),
  ]);
  origin = new URL(platform.gatewayUrl).origin;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the dashboard’s filters, files and uploads', () => {
  it(
    'training by org unit: the picker narrows the figures to the API’s for that unit, in the URL, and the XLSX export equals the table',
    async () => {
      // The province's unit whose cadres attended the most provincial classes, by the API.
      const tree = await platform!.query<{ orgUnits: { children: { id: string; name: string }[] }[] }>(
        '{ orgUnits { children { id name } } }',
      );
      const units = tree.body.data!.orgUnits.flatMap((root) => root.children);
      const counted = await Promise.all(
        units.map(async (unit) => ({
          unit,
          data: (await platform!.query<Trainees>(TRAINEES, { unit: unit.id })).body.data!,
        })),
      );
      const busiest = must(counted.sort((a, b) => total(b.data) - total(a.data))[0], 'units counted');
      const province = (await platform!.query<Trainees>(TRAINEES, {})).body.data!;
      expect(total(busiest.data)).toBeGreaterThan(0);
      expect(total(busiest.data)).toBeLessThan(total(province));

      const { context, page, graphqlPosts } = await signedIn(Role.ADMIN, '/dashboard/training');
      await page.locator('[data-table="trainees-by-category"]').waitFor();
      expect(await column(page, 'trainees-by-category', 2)).toEqual(
        province.traineesByCategory.map((r) => String(r.trainees)),
      );
      await page.locator('select[name="unit"]').selectOption(busiest.unit.id);
      await page.locator('form.filters button[type="submit"]').click();
      await waitFor('the unit in the URL', () => page.url().includes(`unit=${busiest.unit.id}`));
      await waitFor(
        'the unit’s figures',
        async () =>
          JSON.stringify(await column(page, 'trainees-by-category', 2)) ===
          JSON.stringify(busiest.data.traineesByCategory.map((r) => String(r.trainees))),
      );
      expect(await column(page, 'trainees-by-category', 0)).toEqual(
        busiest.data.traineesByCategory.map((r) => r.category),
      );
      expect(await column(page, 'class-sizes', 3)).toEqual(
        busiest.data.classSizeStatistics.map((r) => String(r.trainees)),
      );
      expect(graphqlPosts).toHaveLength(2);

      // The gateway's XLSX (the user's token, the page's filters): the same rows as the table.
      expect(await page.locator('[data-export-xlsx="trainees-by-category"]').getAttribute('data-export-source')).toBe(
        'gateway',
      );
      const exported = await downloadXlsx(page, 'trainees-by-category');
      expect(exported.name).toMatch(/\.xlsx$/);
      const body = exported.rows.filter((row) => typeof row[1] === 'number');
      expect(body.map((row) => [row[1], row[2]])).toEqual(
        busiest.data.traineesByCategory.map((r) => [r.classes, r.trainees]),
      );

      // A deep link to the unit opens with its figures, the picker showing it.
      // A new tab has no session (it lives in the tab's session storage): signing in keeps the link.
      const deep = await context.newPage();
      await deep.goto(page.url());
      await deep.locator(`[data-dev-role="${Role.ADMIN}"]`).click();
      await deep.locator('[data-table="trainees-by-category"]').waitFor();
      expect(await deep.locator('select[name="unit"]').inputValue()).toBe(busiest.unit.id);
      expect(await column(deep, 'trainees-by-category', 2)).toEqual(
        busiest.data.traineesByCategory.map((r) => String(r.trainees)),
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'training-unit');
      await context.close();
    },
    TIMEOUT * 2,
  );

  it(
    'planning by org unit: the picker narrows bench strength and the pool to the API’s for that unit, in the URL and the XLSX export',
    async () => {
      // The province's unit with the largest pool of the page's default term, by the API.
      const tree = await platform!.query<{ orgUnits: { children: { id: string }[] }[] }>(
        '{ orgUnits { children { id } } }',
      );
      const units = tree.body.data!.orgUnits.flatMap((root) => root.children.map((child) => child.id));
      const counted = await Promise.all(
        units.map(async (unit) => ({ unit, data: (await platform!.query<Planning>(PLANNING, { unit })).body.data! })),
      );
      const busiest = must(
        counted.sort((a, b) => b.data.poolComposition.cadres - a.data.poolComposition.cadres)[0],
        'units counted',
      );
      const province = (await platform!.query<Planning>(PLANNING, {})).body.data!;
      expect(busiest.data.poolComposition.cadres).toBeGreaterThan(0);
      expect(busiest.data.poolComposition.cadres).toBeLessThan(province.poolComposition.cadres);
      const figures = (data: Planning) => ({
        bench: data.benchStrength.map((r) => String(r.titles)),
        pool: data.poolComposition.ageBrackets.map((r) => String(r.cadres)),
      });
      const shown = async () => ({
        bench: await column(page, 'bench-strength', 1),
        pool: await column(page, 'age-brackets', 1),
      });

      const { context, page, graphqlPosts } = await signedIn(Role.ADMIN, '/dashboard/planning');
      await page.locator('[data-table="bench-strength"]').waitFor();
      expect(await shown()).toEqual(figures(province));
      await page.locator('select[name="unit"]').selectOption(busiest.unit);
      await page.locator('form.filters button[type="submit"]').click();
      await waitFor('the unit in the URL', () => page.url().includes(`unit=${busiest.unit}`));
      await waitFor(
        'the unit’s figures',
        async () => JSON.stringify(await shown()) === JSON.stringify(figures(busiest.data)),
      );
      expect(graphqlPosts).toHaveLength(2);

      // The gateway's XLSX of the table takes the unit too: the unit's rows, not the province's.
      const exported = await downloadXlsx(page, 'bench-strength');
      expect(exported.rows.filter((row) => typeof row[0] === 'number' && typeof row[1] === 'number')).toEqual(
        busiest.data.benchStrength.map((r) => [r.candidates, r.titles]),
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'planning-unit');
      await context.close();
    },
    TIMEOUT * 2,
  );

  it(
    'overview: the XLSX written in the page parses and equals the table, headers included',
    async () => {
      const { context, page } = await signedIn(Role.ADMIN, '/dashboard/overview');
      await page.locator('[data-table="cadres-by-category"]').waitFor();
      expect(await page.locator('[data-export-xlsx="cadres-by-category"]').getAttribute('data-export-source')).toBe(
        'page',
      );
      const headers = await page.locator('[data-table="cadres-by-category"] thead th').allInnerTexts();
      const categories = await column(page, 'cadres-by-category', 0);
      const counts = await column(page, 'cadres-by-category', 1);
      const exported = await downloadXlsx(page, 'cadres-by-category');
      expect(exported.name).toBe('cadres-by-category.xlsx');
      expect(exported.rows).toEqual([headers, ...categories.map((category, i) => [category, Number(counts[i])])]);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'upload: hidden from a VIEWER; an ORGANIZER’s dry run shows the known error row, in Vietnamese then English',
    async () => {
      const viewer = await signedIn(Role.VIEWER, '/dashboard/overview');
      await viewer.page.locator('nav a').first().waitFor();
      expect(await viewer.page.locator('nav a[href^="/dashboard/import"]').count()).toBe(0);
      await viewer.context.close();

      const { context, page } = await signedIn(Role.ORGANIZER, '/dashboard/import');
      await page.locator('nav a[href^="/dashboard/import"]').waitFor();
      // A wrong type is refused before anything is sent.
      await page.locator('input[type="file"]').setInputFiles({
        name: 'danh-sach.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4'),
      });
      await page.locator('[data-import-refusal="UNSUPPORTED_TYPE"]').waitFor();
      expect(await page.locator('[data-import="dry-run"]').isDisabled()).toBe(true);

      const rows: RowValues[] = [
        {
          personalIdNumber: '011186012345',
          fullName: 'Quàng Thị Mai',
          sex: 'FEMALE',
          dateOfBirth: '1986-05-20',
          ethnicity: 'Thái',
          category: 'CIVIL_SERVANT',
          orgUnitCode: 'DB-SNV',
        },
        {
          personalIdNumber: '011186054321',
          fullName: 'Lò Thị Hoa',
          sex: 'FEMALE',
          dateOfBirth: '1986-07-01',
          ethnicity: 'Thái',
          category: 'CIVIL_SERVANT',
          orgUnitCode: 'DB-SNVV',
        },
      ];
      const path = join(dir, 'danh-sach.xlsx');
      await writeRowsXlsx(CADRE_COLUMNS, rows, path);
      await page.locator('input[type="file"]').setInputFiles(path);
      await page.locator('[data-import="dry-run"]').click();
      await page.locator('[data-import-summary]').waitFor();
      const problem = page.locator('[data-table="import-problems"] tbody tr', {
        has: page.locator('td[data-value="UNKNOWN_ORG_UNIT"]'),
      });
      await problem.waitFor();
      const cells = await problem.locator('td').allInnerTexts();
      expect(cells[0]).toBe('5');
      // The message in Vietnamese, with the likely intended unit.
      expect(cells[4]).toMatch(/DB-SNV\)/);
      const vietnamese = cells[4];
      // Nothing written by a dry run, and an import of a file with errors is not offered.
      expect(await page.locator('[data-import="commit"]').isDisabled()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'import-dry-run');
      await page.locator('header.topbar button', { hasText: 'English' }).click();
      await waitFor(
        'the report in English',
        async () => (await problem.locator('td').nth(4).innerText()) !== vietnamese,
      );
      const found = await platform!.query<{ cadreByPersonalId: { id: string } | null }>(
        'query { cadreByPersonalId(personalIdNumber: "011186012345") { id } }',
      );
      expect(found.body.data?.cadreByPersonalId).toBeNull();
      await context.close();
    },
    TIMEOUT * 2,
  );

  it(
    'the dossier prints without the page’s controls; an unknown one is an error in Vietnamese quoting the request id the gateway logged',
    async () => {
      const { context, page, graphqlPosts } = await signedIn(Role.ADMIN, `/dashboard/dossiers/${demoKeys.cadreId(1)}`);
      await page.locator('article.dossier h1').waitFor();
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header.topbar').isVisible()).toBe(false);
      expect(await page.locator('article.dossier button:visible').count()).toBe(0);
      expect(await page.locator('article.dossier h1').isVisible()).toBe(true);
      expect(await page.locator('.timeline li').first().isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });

      const unknown = '00000000-0000-4000-8000-000000000000';
      await page.goto(`${origin}/dashboard/dossiers/${unknown}`);
      const alert = page.locator('.notice.error[role="alert"]');
      await alert.waitFor();
      await expect(alert.innerText()).resolves.toContain('Không tìm thấy dữ liệu được yêu cầu.');
      const shown = await alert.locator('.request-id code').innerText();
      const answered = await graphqlPosts.at(-1)!.response();
      expect(shown).toBe(answered?.headers()['x-request-id']);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    },
    TIMEOUT,
  );

  it('made no request elsewhere and logged no page error', () => {
    expect(problems).toEqual([]);
  });
});
