import { demoKeys } from '@cadres/core';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startE2EPlatform, type E2EPlatform } from '../support/platform';

/**
 * GraphiQL in a real browser: Debian's headless Chromium opens the gateway's /graphiql page, runs
 * the prefilled dossier query and must see the result, with every request going to the gateway
 * itself (the platform runs on closed networks) and no errors in the console.
 * Run with `npm run test:browser`; it needs Chromium (`apt-get install -y chromium`).
 */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TIMEOUT = 60_000;

let platform: E2EPlatform | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let origin: string;
const requests: string[] = [];
const errors: string[] = [];

/** The text of one of GraphiQL's CodeMirror 5 editors (the DOM only holds its visible lines). */
function editorValue(selector: string): Promise<string> {
  return page.$eval(`${selector} .CodeMirror`, (element) => (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());
}

/** Runs a step; if it fails, saves a screenshot to a temporary folder and names it in the error. */
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const file = join(mkdtempSync(join(tmpdir(), 'graphiql-browser-')), `${name}.png`);
    const saved = await page.screenshot({ path: file, fullPage: true }).then(
      () => `screenshot: ${file}`,
      (screenshotError: unknown) => `no screenshot: ${String(screenshotError)}`,
    );
    if (error instanceof Error) error.message += `\n(${saved})`;
    throw error;
  }
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the browser tests need it. ` +
        `Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  [platform, browser] = await Promise.all([
    startE2EPlatform(),
    chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      // Playwright's launch gives the browser a fresh temporary profile of its own.
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      timeout: TIMEOUT,
    }),
  ]);
  origin = new URL(platform.gatewayUrl).origin;
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  // Context-wide: pages, workers and service workers alike.
  context.on('request', (request) => requests.push(request.url()));
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(`${platform.gatewayUrl}/graphiql`, { waitUntil: 'load' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('GraphiQL in headless Chromium', () => {
  it(
    'renders the editor with the prefilled dossier query and variables',
    () =>
      step('prefilled', async () => {
        await page.locator('.graphiql-query-editor .CodeMirror-line', { hasText: 'query CadreDossier($id: ID!)' }).waitFor({ state: 'visible' });
        await page.locator('.graphiql-execute-button').waitFor({ state: 'visible' });

        const query = await editorValue('.graphiql-query-editor');
        expect(query).toContain('query CadreDossier($id: ID!) {');
        expect(query).toContain('trainingHistory {');
        expect(query).toContain('planningHistory {');
        const variables = JSON.parse(await editorValue('.graphiql-editor-tool')) as unknown;
        expect(variables).toEqual({ id: demoKeys.cadreId(1) });
      }),
    TIMEOUT,
  );

  it(
    'runs the query from the execute button and shows the dossier in the response pane',
    () =>
      step('execute', async () => {
        const response = page.waitForResponse(
          (r) => r.url() === `${origin}/graphql` && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('CadreDossier'),
        );
        await page.locator('.graphiql-execute-button').click();
        expect((await response).status()).toBe(200);

        await page.locator('.graphiql-response .CodeMirror-line', { hasText: 'Lò Văn Minh' }).waitFor({ state: 'visible' });
        // GraphiQL writes the whole result into the response editor; most of it is scrolled away.
        const shown = await editorValue('.graphiql-response');
        expect(shown).toContain('"fullName": "Lò Văn Minh"');
        expect(shown).toContain('"trainingHistory": [');
        expect(shown).toContain('"planningHistory": [');
        const result = JSON.parse(shown) as {
          errors?: unknown;
          data: { cadre: { fullName: string; trainingHistory: unknown[]; planningHistory: unknown[] } };
        };
        expect(result.errors).toBeUndefined();
        expect(result.data.cadre.fullName).toBe('Lò Văn Minh');
        expect(result.data.cadre.trainingHistory).toHaveLength(3);
        expect(result.data.cadre.planningHistory).toHaveLength(2);
      }),
    TIMEOUT,
  );

  it("made every request to the gateway's own origin", () => {
    expect(requests.length).toBeGreaterThanOrEqual(6); // the page, four assets, at least one POST /graphql
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(requests).toEqual(expect.arrayContaining([`${origin}/graphiql`, `${origin}/graphiql/assets/graphiql.js`, `${origin}/graphql`]));
  });

  it('logged no console errors and threw no page errors', () => {
    expect(errors).toEqual([]);
  });
});
