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
let widthFigures: unknown;

/** A unit's name that the system fallback fonts drew as "Tôˀchức"; the example dossier's cadre works there. */
const VIETNAMESE = 'Ban Tổ chức Tỉnh ủy';
const BUNDLED_MONO = 'Bundled Noto Sans Mono';
const BUNDLED_SANS = 'Bundled Noto Sans';

interface PlatformFont {
  familyName: string;
  postScriptName?: string;
  isCustomFont: boolean;
  glyphCount: number;
}

/** The fonts Chromium rendered an element's text with (DevTools protocol), whatever the CSS asked for. */
async function platformFonts(selector: string): Promise<PlatformFont[]> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts;
  } finally {
    await cdp.detach();
  }
}
const errors: string[] = [];

/** The text of one of GraphiQL's CodeMirror 5 editors (the DOM only holds its visible lines). */
function editorValue(selector: string): Promise<string> {
  return page.$eval(`${selector} .CodeMirror`, (element) =>
    (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue(),
  );
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
  page.on('requestfailed', (request) =>
    errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
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
        await page
          .locator('.graphiql-query-editor .CodeMirror-line', { hasText: 'query CadreDossier($id: ID!)' })
          .waitFor({ state: 'visible' });
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
          (r) =>
            r.url() === `${origin}/graphql` &&
            r.request().method() === 'POST' &&
            (r.request().postData() ?? '').includes('CadreDossier'),
        );
        await page.locator('.graphiql-execute-button').click();
        expect((await response).status()).toBe(200);

        await page
          .locator('.graphiql-response .CodeMirror-line', { hasText: 'Lò Văn Minh' })
          .waitFor({ state: 'visible' });
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

  it(
    'renders Vietnamese in the result pane with the bundled Noto Sans Mono, not a system fallback',
    () =>
      step('font', async () => {
        await page.evaluate(() => document.fonts.ready);
        const line = page.locator('.graphiql-response .CodeMirror-line', { hasText: VIETNAMESE });
        await line.first().scrollIntoViewIfNeeded();
        // Mark the string token that shows the unit's name, for the DevTools protocol to find.
        const probe = await line.first().evaluate((element, text) => {
          const span = [...element.querySelectorAll('span')].find((candidate) => candidate.textContent === `"${text}"`);
          if (!span) return null;
          span.setAttribute('data-font-probe', 'result');
          const style = getComputedStyle(span);
          const range = document.createRange();
          range.selectNodeContents(span);
          return {
            fontSize: style.fontSize,
            fontFamily: style.fontFamily,
            renderedWidth: range.getBoundingClientRect().width,
          };
        }, VIETNAMESE);
        expect(probe).not.toBeNull();
        expect(probe!.fontFamily).toBe(`"${BUNDLED_MONO}", monospace`);

        // What Chromium itself drew the text with: every glyph from the web font, none from the system.
        const fonts = await platformFonts('[data-font-probe="result"]');
        expect(fonts).toEqual([expect.objectContaining({ familyName: 'Noto Sans Mono', isCustomFont: true })]);
        expect(fonts[0]?.glyphCount).toBe(VIETNAMESE.length + 2);
        // The same check sees a fallback: the text in GraphiQL's own stack ("Fira Code", which has
        // no Vietnamese glyphs) is drawn with system fonts.
        await page.evaluate((text) => {
          const control = document.createElement('span');
          control.textContent = text;
          control.style.fontFamily = '"Fira Code", monospace';
          control.setAttribute('data-font-probe', 'fallback');
          document.body.append(control);
        }, VIETNAMESE);
        const fallbackFonts = await platformFonts('[data-font-probe="fallback"]');
        expect(fallbackFonts.length).toBeGreaterThan(0);
        expect(fallbackFonts.every((font) => !font.isCustomFont)).toBe(true);
        await page.evaluate(() => document.querySelector('[data-font-probe="fallback"]')?.remove());

        // The width the text takes on screen is its width in the bundled font, and not in the fallback.
        const widths = await page.evaluate(
          ({ text, fontSize, family }) => {
            const context = document.createElement('canvas').getContext('2d')!;
            const measure = (font: string): number => {
              context.font = font;
              return context.measureText(`"${text}"`).width;
            };
            return {
              loaded: document.fonts.check(`${fontSize} "${family}"`, text),
              bundled: measure(`${fontSize} "${family}"`),
              fallback: measure(`${fontSize} monospace`),
              faces: [...document.fonts]
                .filter((face) => face.status === 'loaded')
                .map((face) => `${face.family} ${face.weight} ${face.unicodeRange}`),
            };
          },
          { text: VIETNAMESE, fontSize: probe!.fontSize, family: BUNDLED_MONO },
        );
        expect(widths.loaded).toBe(true);
        expect(widths.faces).toEqual(
          expect.arrayContaining([expect.stringMatching(new RegExp(`^"?${BUNDLED_MONO}"? 400 .*U\\+1EA0-1EF9`))]),
        );
        expect(Math.abs(probe!.renderedWidth - widths.bundled)).toBeLessThan(0.1);
        expect(Math.abs(widths.fallback - widths.bundled)).toBeGreaterThan(0.3);
        widthFigures = { ...widths, rendered: probe!.renderedWidth };
      }),
    TIMEOUT,
  );

  it('uses the bundled fonts in the query and variables editors and in the interface', () =>
    step('editor-font', async () => {
      for (const selector of ['.graphiql-query-editor .CodeMirror-line', '.graphiql-editor-tool .CodeMirror-line']) {
        const family = await page
          .locator(selector)
          .first()
          .evaluate((element) => getComputedStyle(element).fontFamily);
        expect(family).toBe(`"${BUNDLED_MONO}", monospace`);
      }
      // The token naming the operation: a span whose own text node Chromium lays out.
      const marked = await page
        .locator('.graphiql-query-editor .CodeMirror-line', { hasText: 'query CadreDossier' })
        .first()
        .evaluate((element) => {
          const token = [...element.querySelectorAll('span')].find(
            (span) => span.childElementCount === 0 && span.textContent === 'CadreDossier',
          );
          token?.setAttribute('data-font-probe', 'editor');
          return token !== undefined;
        });
      expect(marked).toBe(true);
      expect(await platformFonts('[data-font-probe="editor"]')).toEqual([
        expect.objectContaining({ familyName: 'Noto Sans Mono', isCustomFont: true }),
      ]);
      // The interface: the "Variables" tab of the editor tools.
      const tab = page.locator('.graphiql-editor-tools button', { hasText: 'Variables' }).first();
      expect(await tab.evaluate((element) => getComputedStyle(element).fontFamily)).toBe(
        `"${BUNDLED_SANS}", sans-serif`,
      );
      await tab.evaluate((element) => element.setAttribute('data-font-probe', 'interface'));
      expect(await platformFonts('[data-font-probe="interface"]')).toEqual([
        expect.objectContaining({ familyName: 'Noto Sans', isCustomFont: true }),
      ]);
    }));

  it("made every request to the gateway's own origin, fonts included", () => {
    expect(requests.length).toBeGreaterThanOrEqual(9); // the page, five assets, fonts, at least one POST /graphql
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(requests).toEqual(expect.arrayContaining([`${origin}/graphiql`, `${origin}/graphql`]));
    expect(requests.some((url) => /\/graphiql\/assets\/graphiql\.[0-9a-f]{16}\.js$/.test(url))).toBe(true);
    expect(
      requests.some((url) =>
        /\/graphiql\/assets\/noto-sans-mono-vietnamese-400-normal\.[0-9a-f]{16}\.woff2$/.test(url),
      ),
    ).toBe(true);
    process.stdout.write(`GraphiQL font widths (px): ${JSON.stringify(widthFigures)}\n`);
  });

  it('logged no console errors and threw no page errors', () => {
    expect(errors).toEqual([]);
  });
});
