/**
 * `npm run bench`: the platform's speed, measured, never asserted. Starts the platform on a fresh
 * benchmark database loaded with the demo province, and beside our gateway a stock @apollo/gateway
 * on the same supergraph and subgraphs; runs each scenario against each for the same time with the
 * same clients; prints a table and writes the figures as JSON to bench-results/.
 *
 * Options: --seconds=10 --concurrency=16 --rate=100 (the open-loop dossier scenario).
 */
import { demoKeys, Role, SeededRandom } from '@cadres/core';
import { createDatabaseIfMissing, dropDatabase, ensureDatabaseServer, freePort, REPO_ROOT, startPlatform, startService, stopChild, withDatabase } from '@cadres/platform';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { token } from '../support/platform';
import { DOSSIER, DOSSIER_PAGE } from '../support/queries';
import { closedLoop, openLoop, type LoadResult, type RequestSpec } from './load';

const option = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SECONDS = option('seconds', 10);
const CONCURRENCY = option('concurrency', 16);
const RATE = option('rate', 100);
const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);

const STATISTICS = `{
  quotaFulfilment(year: 2021) { programmeCode mode quota sent fulfilmentPercent }
  classSizeStatistics { programmeCode mode classes averageSize largestClass }
  completionRates { programmeCode completed notCompleted completionPercent }
  benchStrength(termCode: "2025-2030") { candidates titles }
  poolComposition(termCode: "2025-2030") { cadres young women ethnicMinorities }
}`;
const UPDATE_CONTACT = `mutation ($id: ID!, $phone: String!) { updateCadre(id: $id, input: { phone: $phone }) { cadre { id } errors { field message } } }`;
const CATEGORIES = ['ELECTED_CADRE', 'CIVIL_SERVANT', 'PUBLIC_EMPLOYEE', 'PART_TIME'];

const randomCadreId = (random: () => number) => demoKeys.cadreId(1 + Math.floor(random() * demoKeys.cadreCount));

type Scenario = { name: string; mode: 'closed' | 'open'; body: (random: () => number) => object };

const SCENARIOS: Scenario[] = [
  { name: 'dossier', mode: 'closed', body: (r) => ({ query: DOSSIER, variables: { id: randomCadreId(r) } }) },
  { name: `dossier @${RATE}/s`, mode: 'open', body: (r) => ({ query: DOSSIER, variables: { id: randomCadreId(r) } }) },
  { name: 'page of 50 dossiers', mode: 'closed', body: (r) => ({ query: DOSSIER_PAGE, variables: { first: 50, filter: { category: CATEGORIES[Math.floor(r() * CATEGORIES.length)] } } }) },
  { name: 'dashboard statistics', mode: 'closed', body: () => ({ query: STATISTICS }) },
  { name: 'writes (contact updates)', mode: 'closed', body: (r) => ({ query: UPDATE_CONTACT, variables: { id: randomCadreId(r), phone: `09${String(Math.floor(r() * 1e8)).padStart(8, '0')}` } }) },
];

/** Peak resident memory of a process, from the kernel's high-water mark. */
function peakMemoryMb(pid: number | undefined): number | null {
  if (!pid) return null;
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : null;
}

async function waitForGraphQL(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer in time`);
}

async function main(): Promise<void> {
  const server = await ensureDatabaseServer({ databaseUrl: process.env.DATABASE_URL, nodeEnv: 'development', dataDir: join(REPO_ROOT, '.data', 'postgres'), port: 54329, log });
  const database = 'cadres_bench';
  await dropDatabase(server.serverUrl, database);
  await createDatabaseIfMissing(server.serverUrl, database);
  const ports = { gateway: await freePort(), personnel: await freePort(), training: await freePort(), planning: await freePort() };
  log('starting the platform on a fresh database with the demo province…');
  const platform = await startPlatform({
    databaseUrl: withDatabase(server.serverUrl, database),
    ports,
    seedDemoData: true,
    stdio: 'ignore',
    env: { LOG_LEVEL: 'warn', NODE_ENV: 'development', RATE_LIMIT_PER_MINUTE: '100000000' },
    readyTimeoutMs: 180_000,
  });
  const stockPort = await freePort();
  const stock = startService(
    'tests/dist/bench/stock-gateway.js',
    {
      ...process.env,
      PORT: String(stockPort),
      PERSONNEL_URL: `http://127.0.0.1:${ports.personnel}/graphql`,
      TRAINING_URL: `http://127.0.0.1:${ports.training}/graphql`,
      PLANNING_URL: `http://127.0.0.1:${ports.planning}/graphql`,
    },
    'ignore',
    [],
  );
  try {
    await waitForGraphQL(`http://127.0.0.1:${stockPort}/`, Date.now() + 60_000);
    const bearer = await token({ role: Role.ADMIN, sub: 'bench' });
    const targets: { name: string; url: string; pid: number | undefined; headers: Record<string, string> }[] = [
      { name: 'ours', url: `http://127.0.0.1:${ports.gateway}/graphql`, pid: platform.pids.gateway, headers: { authorization: `Bearer ${bearer}` } },
      { name: 'stock @apollo/gateway', url: `http://127.0.0.1:${stockPort}/`, pid: stock.pid, headers: {} },
    ];
    const rows: { scenario: string; target: string; result: LoadResult; ratio: number }[] = [];
    for (const scenario of SCENARIOS) {
      let ours = NaN;
      for (const target of targets) {
        // The same seed for every gateway, so each gets the same request sequence.
        const seeded = new SeededRandom(42);
        const random = () => seeded.next();
        const next = (): RequestSpec => ({ body: JSON.stringify(scenario.body(random)), headers: target.headers });
        await closedLoop(target.url, next, CONCURRENCY, 1); // warm-up: query plans, connections, JIT
        log(`${scenario.name} → ${target.name}`);
        const result = scenario.mode === 'open' ? await openLoop(target.url, next, RATE, SECONDS) : await closedLoop(target.url, next, CONCURRENCY, SECONDS);
        if (target.name === 'ours') ours = result.throughput;
        rows.push({ scenario: scenario.name, target: target.name, result, ratio: result.throughput / ours });
      }
    }
    const memory = Object.fromEntries(targets.map((t) => [t.name, peakMemoryMb(t.pid)]));
    report(rows, memory);
  } finally {
    await stopChild(stock);
    await platform.stop();
    await dropDatabase(server.serverUrl, database);
    await server.stop();
  }
}

function report(rows: { scenario: string; target: string; result: LoadResult; ratio: number }[], memory: Record<string, number | null>): void {
  const fixed = (n: number | null, digits = 1) => (n === null || Number.isNaN(n) ? '–' : n.toFixed(digits));
  const lines = [
    '| scenario | gateway | req/s | × ours | p50 ms | p95 ms | p99 ms | errors | SQL/req |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(({ scenario, target, result: r, ratio }) =>
      `| ${scenario} | ${target} | ${fixed(r.throughput)} | ${fixed(ratio, 2)} | ${fixed(r.p50)} | ${fixed(r.p95)} | ${fixed(r.p99)} | ${r.errors}/${r.requests} | ${fixed(r.sqlPerRequest)} |`,
    ),
  ];
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
  process.stdout.write(`\n${lines.join('\n')}\n\nPeak gateway memory (MB): ${Object.entries(memory).map(([k, v]) => `${k} ${fixed(v)}`).join(', ')}\n`);
  process.stdout.write(`Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GiB, Node ${machine.node}; ${SECONDS} s per run, ${CONCURRENCY} clients, demo province (${demoKeys.cadreCount} cadres)\n`);
  const directory = join(REPO_ROOT, 'bench-results');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ machine, seconds: SECONDS, concurrency: CONCURRENCY, rate: RATE, cadres: demoKeys.cadreCount, rows, peakMemoryMb: memory }, null, 2));
  log(`figures written to ${file}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
