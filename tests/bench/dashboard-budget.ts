import { Role } from '@cadres/core';
import { ensureDatabaseServer, REPO_ROOT } from '@cadres/platform';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { startE2EPlatform } from '../support/platform';

/**
 * The dashboard's budgets (issue 18): the JavaScript a first visit downloads, gzipped (< 400 KB),
 * and the first view of each page on the demo province (< 1.5 s): from navigation to the page's
 * data on screen, in Debian's headless Chromium against the whole platform on this machine, a
 * fresh browser context per run (cold HTTP cache; the gateway and database warm after the first).
 * For each page it also prints the view's timeline (when the shell, the configuration, the page's
 * chunk and its GraphQL answer arrived, when the data entered the DOM and was painted), the main
 * thread's busy time and the CPU Chromium spent on the view: on a shared machine the wall-clock
 * figures follow the load, the CPU per view follows the page.
 * `npm run bench:dashboard` (RUNS=7, PAGES=training,overview to pick); prints the figures for BENCHMARKS.md.
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

/**
 * CPU time (user + system, ms) of processes so far, from /proc: the wall-clock figures measure the
 * machine's load as much as the page (other sessions share its CPUs); CPU per view measures the page.
 */
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
function processTable(): Map<number, { ppid: number; name: string; cpuMs: number }> {
  const table = new Map<number, { ppid: number; name: string; cpuMs: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended since the listing
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // After the name: state ppid … utime (the 12th) stime (the 13th).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    table.set(Number(entry), {
      ppid: Number(fields[1]),
      name,
      cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS,
    });
  }
  return table;
}

/** Per process: Chromium's (this process's Chromium children and everything under them) and the platform's services. */
function cpuSnapshot(services: number[]): Map<string, number> {
  const table = processTable();
  const snapshot = new Map<string, number>();
  const chromium = new Set<number>();
  for (const [pid, { ppid, name }] of table) if (ppid === process.pid && /chrom/i.test(name)) chromium.add(pid);
  // Parents come before children in pid order only mostly: repeat until nothing is added.
  for (let added = true; added;) {
    added = false;
    for (const [pid, { ppid }] of table)
      if (!chromium.has(pid) && chromium.has(ppid)) {
        chromium.add(pid);
        added = true;
      }
  }
  for (const pid of chromium) snapshot.set(`chromium:${pid}`, table.get(pid)?.cpuMs ?? 0);
  for (const pid of services) snapshot.set(`service:${pid}`, table.get(pid)?.cpuMs ?? 0);
  return snapshot;
}

/** CPU ms spent between two snapshots, Chromium's and the services', each summed. */
function cpuSpent(before: Map<string, number>, after: Map<string, number>): { browser: number; services: number } {
  let browser = 0;
  let services = 0;
  for (const [key, ms] of after) {
    const spent = ms - (before.get(key) ?? 0);
    if (key.startsWith('chromium:')) browser += spent;
    else services += spent;
  }
  return { browser, services };
}

/** One first view: when each step of the page's critical path ended, from the browser's own timeline. */
interface View {
  html: number;
  shell: number;
  config: number;
  pageChunk: number;
  graphql: { start: number; end: number };
  /** When the ready element entered the DOM, and the first frame after (the table painted). */
  inserted: number;
  painted: number;
  /** When the page, asked by the test driver after it saw the element, answered (the headline figure). */
  answered: number;
  /** When the charts' code was requested, if it was. */
  charts: number | null;
  graphqlRequests: number;
  scriptBytes: number;
  /** The renderer's main thread until `answered` (Chrome's Performance metrics). */
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  /** CPU ms until `answered`: all of Chromium's processes, and the gateway's and subgraphs' (not PostgreSQL's). */
  browserCpuMs: number;
  servicesCpuMs: number;
}

async function firstView(
  browser: Browser,
  url: string,
  ready: string,
  token: string,
  services: number[],
): Promise<View> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
  try {
    // Signed in as the role picker leaves it: the token in the tab's session storage.
    await context.addInitScript((value) => sessionStorage.setItem('cadres.dashboard.devSession', value), token);
    // In the page, not polled from outside: the moment the ready element enters the DOM, and the
    // first frame after it (rAF runs before the frame is painted, a task queued there after it).
    await context.addInitScript((selector) => {
      const marks: Record<string, number> = {};
      (window as unknown as { __firstView: Record<string, number> }).__firstView = marks;
      const observer = new MutationObserver(() => {
        if (!document.querySelector(selector)) return;
        observer.disconnect();
        marks.inserted = performance.now();
        requestAnimationFrame(() => setTimeout(() => (marks.painted = performance.now())));
      });
      observer.observe(document, { childList: true, subtree: true });
    }, ready);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    let graphqlRequests = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql')) graphqlRequests++;
    });
    const cpuBefore = cpuSnapshot(services);
    await page.goto(url);
    await page.locator(ready).waitFor({ timeout: 30_000 });
    const answered = await page.evaluate(() => performance.now());
    const cpu = cpuSpent(cpuBefore, cpuSnapshot(services));
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
    await page.waitForFunction(() => (window as unknown as { __firstView: { painted?: number } }).__firstView.painted);
    const timeline = await page.evaluate(() => ({
      marks: (window as unknown as { __firstView: { inserted: number; painted: number } }).__firstView,
      html: (performance.getEntriesByType('navigation') as PerformanceNavigationTiming[])[0]?.responseEnd ?? NaN,
      resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => ({
        name: new URL(entry.name).pathname,
        start: entry.startTime,
        end: entry.responseEnd,
        bytes: entry.encodedBodySize,
      })),
    }));
    const resource = (pattern: RegExp) => timeline.resources.find((r) => pattern.test(r.name));
    const graphql = resource(/^\/graphql$/);
    return {
      html: timeline.html,
      shell: resource(/\/assets\/index-[^/]*\.js$/)?.end ?? NaN,
      config: resource(/\/config\.json$/)?.end ?? NaN,
      pageChunk: resource(/\/assets\/(Overview|Training|Planning|Dossier)[A-Za-z]*-[^/]*\.js$/)?.end ?? NaN,
      graphql: { start: graphql?.start ?? NaN, end: graphql?.end ?? NaN },
      inserted: timeline.marks.inserted,
      painted: timeline.marks.painted,
      answered,
      charts: resource(/\/assets\/EChart-[^/]*\.js$/)?.start ?? null,
      graphqlRequests,
      scriptBytes: timeline.resources.filter((r) => r.name.endsWith('.js')).reduce((sum, r) => sum + r.bytes, 0),
      taskMs: metric('TaskDuration'),
      scriptMs: metric('ScriptDuration'),
      layoutMs: metric('LayoutDuration') + metric('RecalcStyleDuration'),
      browserCpuMs: cpu.browser,
      servicesCpuMs: cpu.services,
    };
  } finally {
    await context.close();
  }
}

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
    const services = Object.values(platform.pids).filter((pid): pid is number => pid !== undefined);
    const only = process.env.PAGES?.split(',');
    for (const { name, path, ready } of PAGES.filter((p) => !only || only.some((o) => p.path.includes(o)))) {
      const views: View[] = [];
      for (let run = 0; run < RUNS; run++)
        views.push(await firstView(browser, `${origin}${path}`, ready, token.token, services));
      const of = (pick: (view: View) => number) => median(views.map(pick)).toFixed(0);
      process.stdout.write(
        `${name}: first view median ${of((v) => v.answered)} ms, best ${Math.min(...views.map((v) => v.answered)).toFixed(0)} ms, worst ${Math.max(...views.map((v) => v.answered)).toFixed(0)} ms over ${RUNS} runs (first run included); GraphQL requests per view: ${[...new Set(views.map((v) => v.graphqlRequests))].join('/')}; its GraphQL request median ${of((v) => v.graphql.end - v.graphql.start)} ms; JavaScript downloaded ${(median(views.map((v) => v.scriptBytes)) / 1024).toFixed(1)} KB (brotli as served)\n` +
          `  timeline, medians (ms from navigation): HTML ${of((v) => v.html)}, shell script ${of((v) => v.shell)}, config.json ${of((v) => v.config)}, page chunk ${of((v) => v.pageChunk)}, GraphQL sent ${of((v) => v.graphql.start)} → answered ${of((v) => v.graphql.end)}, data in the DOM ${of((v) => v.inserted)}, painted ${of((v) => v.painted)}, the page answers the driver ${of((v) => v.answered)}; charts' code requested ${views.every((v) => v.charts === null) ? 'never' : of((v) => v.charts ?? NaN)}\n` +
          `  main thread until then, medians: tasks ${of((v) => v.taskMs)} ms, of which script ${of((v) => v.scriptMs)} ms, layout and style ${of((v) => v.layoutMs)} ms; CPU per view: Chromium ${of((v) => v.browserCpuMs)} ms, gateway and subgraphs ${of((v) => v.servicesCpuMs)} ms (load average ${loadavg()[0]?.toFixed(1)})\n`,
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
