import { demoKeys, Role } from '@cadres/core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { killService } from '../support/faults';
import { startE2EPlatform, type E2EPlatform } from '../support/platform';
import { waitFor } from '../support/wait';

/**
 * The Organization Committee's dashboard in Debian's headless Chromium, against the whole platform
 * on the demo province: signing in (development role picker), every page, the figures on the page
 * against the API's for the same filters, the article's figures, an unaccented search, a VIEWER's
 * dossier without sensitive fields, axe-core, and the training subgraph stopped (last: it is for good).
 * Screenshots of each page go to BROWSER_SCREENSHOTS_DIR (default test-output/browser).
 */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOTS = process.env.BROWSER_SCREENSHOTS_DIR || join(__dirname, '..', '..', 'test-output', 'browser');
const TIMEOUT = 90_000;

let platform: E2EPlatform | undefined;
let browser: Browser | undefined;
let origin: string;
const problems: string[] = [];

/** A browser context signed in through the page's development role picker. */
async function signedIn(
  role: Role,
  path = '/dashboard/training',
): Promise<{ context: BrowserContext; page: Page; graphqlPosts: Request[] }> {
  const context = await browser!.newContext({ viewport: { width: 1360, height: 1000 }, locale: 'vi-VN' });
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

/** The raw values of a table's column (the cells' data-value: what the CSV holds). */
function column(page: Page, table: string, index: number): Promise<string[]> {
  return page
    .locator(`[data-table="${table}"] tbody tr td:nth-child(${index + 1})`)
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-value') ?? ''));
}

/** axe-core's serious and critical violations on the page as it is. */
async function seriousViolations(page: Page): Promise<string[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, which the page's CSP (no inline script) does not govern.
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes)`);
}

const TRAINING_QUERY = `query ($year: Int!, $from: LocalDate!, $to: LocalDate!) {
  quotaFulfilment(year: $year) { programmeCode mode quota sent fulfilmentPercent }
  classSizeStatistics(from: $from, to: $to) { programmeCode mode classes trainees averageSize }
  traineesByCategory(from: $from, to: $to, providerLevel: PROVINCIAL) { category classes trainees }
  centralCourseAttendance(from: $from, to: $to) { programmeCode trainees }
}`;
interface TrainingFigures {
  quotaFulfilment: { programmeCode: string; mode: string; quota: number; sent: number; fulfilmentPercent: number }[];
  classSizeStatistics: {
    programmeCode: string;
    mode: string;
    classes: number;
    trainees: number;
    averageSize: number;
  }[];
  traineesByCategory: { category: string; classes: number; trainees: number }[];
  centralCourseAttendance: { programmeCode: string; trainees: number }[];
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  [platform, browser] = await Promise.all([
    startE2EPlatform(),
    chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      timeout: TIMEOUT,
    }),
  ]);
  origin = new URL(platform.gatewayUrl).origin;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the dashboard in headless Chromium', () => {
  it(
    'serves the page with a strict Content-Security-Policy, for deep links too',
    async () => {
      const response = await fetch(`${origin}/dashboard/dossiers/${demoKeys.cadreId(1)}?x=1`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('<div id="root">');
      expect((await fetch(`${origin}/dashboard/assets/nothing.js`)).status).toBe(404);
    },
    TIMEOUT,
  );

  it(
    'training: one GraphQL round trip (a persisted hash), the article’s figures, equal to the API’s',
    async () => {
      const { context, page, graphqlPosts } = await signedIn(Role.ADMIN);
      await page.locator('[data-table="quota-fulfilment"]').waitFor();
      await page.locator('[data-table="classes-under-way"]').waitFor();
      // First view: exactly one request, carrying the hash only (registered at the gateway's start).
      expect(graphqlPosts).toHaveLength(1);
      const body = JSON.parse(graphqlPosts[0]?.postData() ?? '{}') as {
        query?: string;
        extensions?: { persistedQuery?: { sha256Hash?: string } };
      };
      expect(body.query).toBeUndefined();
      expect(body.extensions?.persistedQuery?.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
      const response = await graphqlPosts[0]?.response();
      expect(response?.status()).toBe(200);

      // The article (article-figures.md), as the page shows it in Vietnamese formatting.
      await expect(page.locator('[data-kpi="refreshers"]').innerText()).resolves.toMatch(
        /26 lớp[\s\S]*1\.347 học viên/,
      );
      await expect(page.locator('[data-total="central-courses"]').innerText()).resolves.toBe('94');
      const programmes = await column(page, 'class-sizes', 0);
      const modes = await column(page, 'class-sizes', 1);
      const averages = await page.locator('[data-table="class-sizes"] tbody tr td:nth-child(5)').allInnerTexts();
      const average = (code: string, mode: string) =>
        averages[programmes.findIndex((p, i) => p === code && modes[i] === mode)];
      expect(average('LLCT-TRUNG-CAP', 'CONCENTRATED')).toBe('47,0');
      expect(average('LLCT-TRUNG-CAP', 'NON_CONCENTRATED')).toBe('70,8');
      const quotaRow = page
        .locator('[data-table="quota-fulfilment"] tbody tr', { has: page.locator('td[data-value="LLCT-CAO-CAP"]') })
        .filter({ has: page.locator('td[data-value="CONCENTRATED"]') });
      await expect(quotaRow.locator('td').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['101', '100 %']));

      // The same filters through the API: every figure on the page is the API's.
      const api = await platform!.query<TrainingFigures>(TRAINING_QUERY, {
        year: 2021,
        from: '2020-10-01',
        to: '2023-04-30',
      });
      expect(api.body.errors).toBeUndefined();
      const figures = api.body.data!;
      expect(await column(page, 'quota-fulfilment', 0)).toEqual(figures.quotaFulfilment.map((r) => r.programmeCode));
      expect(await column(page, 'quota-fulfilment', 2)).toEqual(figures.quotaFulfilment.map((r) => String(r.quota)));
      expect(await column(page, 'quota-fulfilment', 4)).toEqual(figures.quotaFulfilment.map((r) => String(r.sent)));
      expect(await column(page, 'quota-fulfilment', 5)).toEqual(
        figures.quotaFulfilment.map((r) => String(r.fulfilmentPercent)),
      );
      expect(await column(page, 'class-sizes', 4)).toEqual(
        figures.classSizeStatistics.map((r) => String(r.averageSize)),
      );
      expect(await column(page, 'trainees-by-category', 2)).toEqual(
        figures.traineesByCategory.map((r) => String(r.trainees)),
      );
      expect(await column(page, 'central-courses', 1)).toEqual(
        figures.centralCourseAttendance.map((r) => String(r.trainees)),
      );
      // A class under way with seats left (the demo's intermediate class of 2026–2027).
      expect(await column(page, 'classes-under-way', 0)).toContain('TC-TT-2026-01');

      // The class-size chart, whose code is asked for only once the tables are painted, is drawn.
      await page.locator('.chart svg').waitFor();
      await expect(page.locator('.chart svg path').count()).resolves.toBeGreaterThan(10);
      // Vietnamese text takes its letters from the latin and vietnamese subsets (each face with its
      // unicode-range): latin-ext (55 KB a weight) is not fetched for them.
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const fonts = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((name) => name.includes('.woff')),
      );
      expect(fonts.filter((name) => name.includes('noto-sans-vietnamese-'))).not.toEqual([]);
      expect(fonts.filter((name) => name.includes('latin-ext'))).toEqual([]);

      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'training');

      // Filters live in the URL: another year is a deep link with its own figures.
      await page.locator('input[name="year"]').fill('2022');
      await page.locator('form.filters button[type="submit"]').click();
      await waitFor('the URL to carry the year', () => page.url().includes('year=2022'));
      const api2022 = await platform!.query<TrainingFigures>(TRAINING_QUERY, {
        year: 2022,
        from: '2020-10-01',
        to: '2023-04-30',
      });
      await waitFor(
        'the 2022 quotas',
        async () =>
          JSON.stringify(await column(page, 'quota-fulfilment', 2)) ===
          JSON.stringify(api2022.body.data!.quotaFulfilment.map((r) => String(r.quota))),
      );
      await context.close();
    },
    TIMEOUT * 2,
  );

  it(
    'dossiers: an unaccented search finds the cadre, whose dossier reads as a profile with a timeline',
    async () => {
      const { context, page } = await signedIn(Role.ADMIN, '/dashboard/dossiers');
      await page.locator('input[name="q"]').fill('lo van minh');
      await page.locator('form[role="search"] button').click();
      await waitFor('the search in the URL', () => page.url().includes('q=lo+van+minh'));
      // The demo has six of that name: the example dossier's is the one at the Organisation Committee.
      const link = page.locator(`[data-table="cadres"] a[href="/dashboard/dossiers/${demoKeys.cadreId(1)}"]`, {
        hasText: 'Lò Văn Minh',
      });
      await link.waitFor();
      await screenshot(page, 'dossier-search');
      await link.click();
      await page.locator('article.dossier h1', { hasText: 'Lò Văn Minh' }).waitFor();
      await page.locator('.timeline li').first().waitFor();
      expect(await page.locator('.timeline-trainingEvent').count()).toBeGreaterThan(0);
      expect(await page.locator('.timeline-planningEvent').count()).toBeGreaterThan(0);
      const api = await platform!.query<{ cadre: { personalIdNumber: string } }>(
        'query ($id: ID!) { cadre(id: $id) { personalIdNumber } }',
        { id: demoKeys.cadreId(1) },
      );
      await expect(page.locator('[data-field="personalIdNumber"] dd').innerText()).resolves.toBe(
        api.body.data!.cadre.personalIdNumber,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'dossier');
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'a VIEWER’s dossier shows no sensitive field, and the page never asked for one',
    async () => {
      const { context, page, graphqlPosts } = await signedIn(Role.VIEWER, `/dashboard/dossiers/${demoKeys.cadreId(1)}`);
      await page.locator('article.dossier h1').waitFor();
      const admin = await platform!.query<{ cadre: { personalIdNumber: string; religion: string | null } }>(
        'query ($id: ID!) { cadre(id: $id) { personalIdNumber religion } }',
        { id: demoKeys.cadreId(1) },
      );
      const text = await page.locator('main').innerText();
      expect(text).not.toContain(admin.body.data!.cadre.personalIdNumber);
      expect(await page.locator('[data-field="personalIdNumber"]').count()).toBe(0);
      expect(await page.locator('[data-partial-notice]').count()).toBe(0);
      const answers = await Promise.all(
        graphqlPosts.map(
          async (request) =>
            (await request.response())?.json() as Promise<{ data?: { cadre?: Record<string, unknown> } }>,
        ),
      );
      expect(answers.some((answer) => answer.data?.cadre && 'personalIdNumber' in answer.data.cadre)).toBe(false);
      await screenshot(page, 'dossier-viewer');
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'a PARTNER has no dashboard',
    async () => {
      const { context, page } = await signedIn(Role.PARTNER);
      await page.locator('.notice', { hasText: 'đối tác' }).waitFor();
      expect(await page.locator('[data-table]').count()).toBe(0);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'with the training subgraph stopped, a dossier shows what it can, with a notice and the request id',
    async () => {
      await killService(platform!, 'training');
      const { context, page } = await signedIn(Role.ADMIN, `/dashboard/dossiers/${demoKeys.cadreId(1)}`);
      await page.locator('article.dossier h1', { hasText: 'Lò Văn Minh' }).waitFor();
      const notice = page.locator('[data-partial-notice]');
      await notice.waitFor();
      await expect(notice.innerText()).resolves.toMatch(/[0-9a-f-]{36}/);
      expect(await page.locator('.timeline-trainingEvent').count()).toBe(0);
      expect(await page.locator('.timeline-planningEvent').count()).toBeGreaterThan(0);
      await screenshot(page, 'dossier-training-down');
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'overview: one GraphQL request; the age pyramid, the retirement wave and the head counts are the API’s',
    async () => {
      const { context, page, graphqlPosts } = await signedIn(Role.ADMIN, '/dashboard/overview');
      await page.locator('[data-table="age-pyramid"]').waitFor();
      await page.locator('[data-table="retirement-wave"]').waitFor();
      // The seven head counts and the new figures are one field of the page's one request.
      expect(graphqlPosts).toHaveLength(1);
      const api = await platform!.query<{
        personnelOverview: {
          total: number;
          byCategory: { category: string; count: number }[];
          agePyramid: { men: number; women: number }[];
          retirements: { year: number; men: number; women: number }[];
        };
      }>(`{ personnelOverview {
        total byCategory { category count } agePyramid { men women } retirements { year men women }
      } }`);
      expect(api.body.errors).toBeUndefined();
      const figures = api.body.data!.personnelOverview;
      expect(figures.total).toBeGreaterThan(0);
      expect(await column(page, 'cadres-by-category', 1)).toEqual(figures.byCategory.map((r) => String(r.count)));
      // The table lists the oldest band first, as the pyramid is drawn.
      const bands = [...figures.agePyramid].reverse();
      expect(await column(page, 'age-pyramid', 1)).toEqual(bands.map((b) => String(b.men)));
      expect(await column(page, 'age-pyramid', 2)).toEqual(bands.map((b) => String(b.women)));
      expect(await column(page, 'retirement-wave', 0)).toEqual(figures.retirements.map((r) => String(r.year)));
      expect(await column(page, 'retirement-wave', 1)).toEqual(figures.retirements.map((r) => String(r.men)));
      // Both charts drawn (ECharts arrives after the tables): the pyramid's bars go both ways from the axis.
      await page.locator('.chart[aria-label="Tháp tuổi"] svg').waitFor();
      await page.locator('.chart[aria-label="Nghỉ hưu trong 5 năm tới"] svg').waitFor();
      await expect(page.locator('.chart[aria-label="Tháp tuổi"] svg path').count()).resolves.toBeGreaterThan(5);
      await expect(
        page.locator('.chart[aria-label="Nghỉ hưu trong 5 năm tới"] svg path').count(),
      ).resolves.toBeGreaterThan(1);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'overview');
      await context.close();
    },
    TIMEOUT * 2,
  );

  it('made no request elsewhere and logged no page error', () => {
    // The training-down step's failed fields arrive inside a 200 answer: nothing for the console.
    expect(problems).toEqual([]);
  });
});
