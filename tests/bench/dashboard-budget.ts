import { Role } from '@cadres/core';
import { ensureDatabaseServer, REPO_ROOT } from '@cadres/platform';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startE2EPlatform } from '../support/platform';

/**
 * The dashboard's budgets (issue 18): the JavaScript a first visit downloads, gzipped (< 400 KB),
 * and the first view of each page on the demo province (< 1.5 s): from navigation to the page's
 * data on screen, in Debian's headless Chromium against the whole platform on this machine, a
 * fresh browser context per run (cold HTTP cache; the gateway and database warm after the first).
 * `npm run bench:dashboard`; prints the figures for BENCHMARKS.md.
 */
const RUNS = Number(process.env.RUNS ?? 7);
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PAGES = [
  { name: 'Tổng quan', path: '/dashboard/overview', ready: '[data-table="cadres-by-category"]' },
  { name: 'Đào tạo, bồi dưỡng', path: '/dashboard/training', ready: '[data-table="classes-under-way"]' },
  { name: 'Quy hoạch', path: '/dashboard/planning', ready: '[data-table="round-changes"]' },
  { name: 'Hồ sơ cán bộ', path: '/dashboard/dossiers?q=lo%20van%20minh', ready: '[data-table="cadres"]' },
];

function bundleSizes(): { files: number; raw: number; gzip: number } {
  const dir = join(REPO_ROOT, 'dashboard', 'dist', 'assets');
  const scripts = readdirSync(dir).filter((file) => file.endsWith('.js'));
  const bodies = scripts.map((file) => readFileSync(join(dir, file)));
  return {
    files: scripts.length,
    raw: bodies.reduce((sum, b) => sum + b.length, 0),
    gzip: bodies.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const sizes = bundleSizes();
  process.stdout.write(
    `JavaScript: ${sizes.files} file(s), ${(sizes.raw / 1024).toFixed(0)} KB, ${(sizes.gzip / 1024).toFixed(1)} KB gzipped (budget 400 KB)\n`,
  );
  // As `npm run bench`: the server in DATABASE_URL, else the embedded development one; the platform
  // then works in a fresh database of its own on it.
  const server = await ensureDatabaseServer({
    databaseUrl: process.env.DATABASE_URL,
    nodeEnv: 'development',
    dataDir: join(REPO_ROOT, '.data', 'postgres'),
    port: 54329,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.env.DATABASE_URL = server.serverUrl;
  const platform = await startE2EPlatform();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const origin = new URL(platform.gatewayUrl).origin;
    const token = (await (
      await fetch(`${origin}/dashboard/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: Role.ADMIN }),
      })
    ).json()) as { token: string };
    for (const { name, path, ready } of PAGES) {
      const times: number[] = [];
      const requests: number[] = [];
      const queries: number[] = [];
      const scripts: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
        // Signed in as the role picker leaves it: the token in the tab's session storage.
        await context.addInitScript(
          (value) => sessionStorage.setItem('cadres.dashboard.devSession', value),
          token.token,
        );
        const page = await context.newPage();
        let graphql = 0;
        page.on('request', (request) => {
          if (request.url().endsWith('/graphql')) graphql++;
        });
        await page.goto(`${origin}${path}`);
        await page.locator(ready).waitFor({ timeout: 30_000 });
        times.push(await page.evaluate(() => performance.now()));
        // Where the time goes: the page's GraphQL request (the gateway and subgraphs) and the
        // JavaScript this view downloaded (code splitting: the shell and this page's chunks).
        const resources = await page.evaluate(() =>
          (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => ({
            name: entry.name,
            duration: entry.duration,
            bytes: entry.encodedBodySize,
          })),
        );
        queries.push(resources.filter((r) => r.name.endsWith('/graphql')).reduce((sum, r) => sum + r.duration, 0));
        scripts.push(resources.filter((r) => r.name.endsWith('.js')).reduce((sum, r) => sum + r.bytes, 0));
        requests.push(graphql);
        await context.close();
      }
      process.stdout.write(
        `${name}: first view median ${median(times).toFixed(0)} ms, best ${Math.min(...times).toFixed(0)} ms, worst ${Math.max(...times).toFixed(0)} ms over ${RUNS} runs (first run included); GraphQL requests per view: ${[...new Set(requests)].join('/')}; its GraphQL request median ${median(queries).toFixed(0)} ms; JavaScript downloaded ${(median(scripts) / 1024).toFixed(1)} KB (brotli as served)\n`,
      );
    }
  } finally {
    await browser.close();
    await platform.stop();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
