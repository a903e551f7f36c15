/**
 * `npm run bench`: the platform's speed, measured, never asserted. Starts the platform on a fresh
 * benchmark database loaded with the demo province, and beside our gateway a stock @apollo/gateway,
 * a Hive Gateway and a Hive Gateway with the Rust query planner on the same supergraph and
 * subgraphs; runs each scenario against each, and against the subgraphs called directly (the
 * floor, see floor.ts), for the same time with the same clients; prints a table (throughput,
 * latency, and the CPU each process spent per request, see cpu.ts) and writes the figures as JSON
 * to bench-results/.
 *
 * Options: --seconds=10 --concurrency=16 --rate=100 (the open-loop dossier scenario)
 * --workers=1 (processes per gateway, the same for every gateway; ours reads GATEWAY_WORKERS)
 * --size=province|national|demo|<cadres> (the data: a generated dataset, made once and kept, of
 * which each run uses a throwaway copy; or the demo province alone) --seed=1
 * --only=<scenario name prefix> (e.g. --only=writes: that scenario alone)
 * --rounds=1 (runs of each target per scenario, interleaved, each round starting with another
 * target; the table shows each target's median run by throughput).
 * --only=soak: the soak alone (see soak.ts), never part of a full run: our gateway under a mix of
 * dossiers, pages and writes at --rate per second for --duration=600 seconds, sampled every 10 s.
 * --database=cadres_bench (the throwaway database's name, so that two runs on one server do not
 * drop each other's).
 */
import { demoKeys, generatedKeys, must, Role, SeededRandom, SUBGRAPH_NAMES } from '@cadres/core';
import {
  copyDatabase,
  createDatabaseIfMissing,
  datasetSize,
  dropDatabase,
  ensureDatabaseServer,
  freePorts,
  prepareGeneratedDatabase,
  REPO_ROOT,
  startPlatform,
  stopChild,
  withClient,
  withDatabase,
  type ServicePorts,
} from '@cadres/platform';
import type { ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { token } from '../support/platform';
import { DOSSIER, DOSSIER_PAGE } from '../support/queries';
import { cpuPerRequest, peakMemoryMb, readCpu } from './cpu';
import { floorTarget, startRecorder, type GraphQLRequest } from './floor';
import { readSupergraph, renewing, subgraphUrlEnv, subgraphUrls } from './gateway-process';
import { startReadyProcess } from './processes';
import {
  closedLoop,
  graphQLTarget,
  openLoop,
  postGraphQL as postGraphQLRequest,
  type LoadResult,
  type Send,
} from './load';
import { machine as machineInfo, writeResults } from './results';
import { soak } from './soak';

const option = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SECONDS = option('seconds', 10);
const CONCURRENCY = option('concurrency', 16);
const RATE = option('rate', 100);
const WORKERS = option('workers', 1);
const SIZE = process.argv.find((a) => a.startsWith('--size='))?.split('=')[1] ?? 'province';
const CADRES = SIZE === 'demo' ? demoKeys.cadreCount : datasetSize(SIZE);
const SEED = option('seed', 1);
const ROUNDS = option('rounds', 1);
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.split('=')[1];
const DURATION = option('duration', 600);
const DATABASE = process.argv.find((a) => a.startsWith('--database='))?.split('=')[1] ?? 'cadres_bench';
/** How many of a scenario's requests the floor records, then replays round-robin. */
const FLOOR_RECORDINGS = 200;
const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);

const STATISTICS = `{
  quotaFulfilment(year: 2021) { programmeCode mode quota sent fulfilmentPercent }
  classSizeStatistics { programmeCode mode classes averageSize largestClass }
  completionRates { programmeCode completed notCompleted completionPercent }
  benchStrength(termCode: "2025-2030") { candidates titles }
  poolComposition(termCode: "2025-2030") { cadres young women ethnicMinorities }
}`;
const UPDATE_CONTACT = `mutation ($id: ID!, $phone: String!) { updateCadre(id: $id, input: { phone: $phone }) { cadre { id } errors { field message } } }`;
const CLASS_FEEDBACK = `mutation ($id: ID!, $score: Int!) { giveClassFeedback(input: { enrollmentId: $id, score: $score, comment: "Bench" }) { enrollment { id feedbackScore } errors { field message } } }`;
const CATEGORIES = ['ELECTED_CADRE', 'CIVIL_SERVANT', 'PUBLIC_EMPLOYEE', 'PART_TIME'];

const randomCadreId = (random: () => number) => demoKeys.cadreId(1 + Math.floor(random() * CADRES));

/**
 * A write as users make them: two in three update a cadre's contact details in personnel (a
 * transaction with its change history and audit), one in three records a trainee's feedback on a
 * class in training (on the generated cadres' first class, which every one of them attended).
 */
function randomWrite(r: () => number): GraphQLRequest {
  if (SIZE !== 'demo' && r() < 1 / 3) {
    const number = generatedKeys.firstCadre + Math.floor(r() * (CADRES - generatedKeys.firstCadre + 1));
    return {
      query: CLASS_FEEDBACK,
      variables: { id: generatedKeys.enrollmentId(number, 0), score: 1 + Math.floor(r() * 5) },
    };
  }
  return {
    query: UPDATE_CONTACT,
    variables: { id: randomCadreId(r), phone: `09${String(Math.floor(r() * 1e8)).padStart(8, '0')}` },
  };
}

type Scenario = { name: string; mode: 'closed' | 'open'; body: (random: () => number) => GraphQLRequest };

const SCENARIOS: Scenario[] = [
  { name: 'dossier', mode: 'closed', body: (r) => ({ query: DOSSIER, variables: { id: randomCadreId(r) } }) },
  { name: `dossier @${RATE}/s`, mode: 'open', body: (r) => ({ query: DOSSIER, variables: { id: randomCadreId(r) } }) },
  {
    name: 'page of 50 dossiers',
    mode: 'closed',
    body: (r) => ({
      query: DOSSIER_PAGE,
      variables: { first: 50, filter: { category: CATEGORIES[Math.floor(r() * CATEGORIES.length)] } },
    }),
  },
  { name: 'dashboard statistics', mode: 'closed', body: () => ({ query: STATISTICS }) },
  { name: 'writes (mix)', mode: 'closed', body: (r) => randomWrite(r) },
];

/** The scenario's request sequence, from the same seed for every target, so each gets the same requests. */
function seededRequests(scenario: Scenario): () => GraphQLRequest {
  const seeded = new SeededRandom(42);
  return () => scenario.body(() => seeded.next());
}

interface Target {
  name: string;
  /** The gateway's process, whose peak memory (with its workers') is reported; none for the floor. */
  pid?: number;
  /** Gets ready for a scenario and returns how to send its next request. */
  prepare(scenario: Scenario): Promise<Send>;
}

/** A gateway as a target; `headers` gives each request's (ours needs a client's bearer token). */
const gatewayTarget = (
  name: string,
  url: string,
  pid: number | undefined,
  headers: () => Promise<Record<string, string>> = async () => ({}),
): Target => ({
  name,
  pid,
  prepare: async (scenario) => {
    const next = seededRequests(scenario);
    return graphQLTarget(url, async () => ({ body: JSON.stringify(next()), headers: await headers() }));
  },
});

/** Starts one of the other gateways (tests/bench/<name>.ts) as its own process, WORKERS of it. */
const startGateway = (
  name: 'stock-gateway' | 'hive-gateway',
  ports: ServicePorts,
  started: ChildProcess[],
  env: NodeJS.ProcessEnv = {},
) =>
  startReadyProcess(
    `tests/dist/bench/${name}.js`,
    { ...subgraphUrlEnv(ports), ...env, WORKERS: String(WORKERS) },
    started,
  );

async function main(): Promise<void> {
  const server = await ensureDatabaseServer({
    databaseUrl: process.env.DATABASE_URL,
    nodeEnv: 'development',
    dataDir: join(REPO_ROOT, '.data', 'postgres'),
    port: 54329,
    log,
  });
  const database = DATABASE;
  if (SIZE === 'demo') {
    await dropDatabase(server.serverUrl, database);
    await createDatabaseIfMissing(server.serverUrl, database);
  } else {
    // The writes scenario changes data: each run works on a copy, the generated dataset stays as made.
    const generated = await prepareGeneratedDatabase(server.serverUrl, { cadres: CADRES, seed: SEED }, log);
    await copyDatabase(server.serverUrl, generated.name, database);
    // A fresh copy is on disk, not in memory: read it all once, so that no target pays for the cold
    // cache and the next one profits (they send the same requests).
    log('reading the copy into the operating system cache (pg_prewarm)…');
    await withClient(withDatabase(server.serverUrl, database), async (client) => {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
      await client.query(
        `SELECT sum(pg_prewarm(c.oid::regclass, 'read')) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'i')`,
        [SUBGRAPH_NAMES],
      );
    });
  }
  const ports = await freePorts();
  log(
    `starting the platform on ${SIZE === 'demo' ? 'a fresh database with the demo province' : `a copy of the generated ${SIZE} dataset`} (${CADRES.toLocaleString('en')} cadres)…`,
  );
  const platform = await startPlatform({
    databaseUrl: withDatabase(server.serverUrl, database),
    ports,
    seedDemoData: true,
    stdio: 'ignore',
    env: {
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      RATE_LIMIT_PER_MINUTE: '100000000',
      GATEWAY_WORKERS: String(WORKERS),
    },
    readyTimeoutMs: 180_000,
  });
  if (ONLY === 'soak') {
    try {
      await runSoak(`http://127.0.0.1:${ports.gateway}/graphql`, platform.pids);
    } finally {
      await platform.stop();
      await dropDatabase(server.serverUrl, database);
      await server.stop();
    }
    return;
  }
  const gateways: ChildProcess[] = [];
  let stopRecorder = async () => {};
  // One connection of the bench's own, to find the PostgreSQL backends serving the benchmark database.
  const postgres = new Client({ connectionString: withDatabase(server.serverUrl, database) });
  await postgres.connect();
  const { personnel, training, planning } = platform.pids;
  try {
    const recorder = await startRecorder(readSupergraph(), subgraphUrls(subgraphUrlEnv(ports)));
    stopRecorder = recorder.stop;
    log(
      `starting stock @apollo/gateway, Hive Gateway and Hive Gateway with the Rust planner, ${WORKERS} worker(s) each…`,
    );
    const stock = await startGateway('stock-gateway', ports, gateways);
    const hive = await startGateway('hive-gateway', ports, gateways);
    const hiveRust = await startGateway('hive-gateway', ports, gateways, { RUST_QUERY_PLANNER: '1' });
    // Client tokens last 10 minutes, and a national run lasts longer (14 minutes here): a stale
    // one made every request of ours fail fast from the fourth scenario on. Signed again every 5
    // minutes.
    const bearer = renewing(() => token({ role: Role.ADMIN, sub: 'bench' }), 5 * 60_000);
    const floorRecordings = new Map<string, Send>();
    const targets: Target[] = [
      gatewayTarget('ours', `http://127.0.0.1:${ports.gateway}/graphql`, platform.pids.gateway, async () => ({
        authorization: `Bearer ${await bearer()}`,
      })),
      gatewayTarget('stock @apollo/gateway', `http://127.0.0.1:${stock.port}/`, stock.pid),
      gatewayTarget('Hive Gateway', `http://127.0.0.1:${hive.port}/graphql`, hive.pid),
      gatewayTarget('Hive Gateway + Rust planner', `http://127.0.0.1:${hiveRust.port}/graphql`, hiveRust.pid),
      {
        name: 'floor (subgraphs direct)',
        prepare: async (scenario) => {
          const recorded = floorRecordings.get(scenario.name);
          if (recorded) return recorded;
          log(`${scenario.name}: recording the subgraph fetches of ${FLOOR_RECORDINGS} requests for the floor…`);
          const send = floorTarget(
            await recorder.record(Array.from({ length: FLOOR_RECORDINGS }, seededRequests(scenario))),
          );
          floorRecordings.set(scenario.name, send);
          return send;
        },
      },
    ];
    const rows: Row[] = [];
    for (const [index, scenario] of SCENARIOS.entries()) {
      if (ONLY && !scenario.name.startsWith(ONLY)) continue;
      // Rounds interleave the targets, each round starting with another one: the first to run
      // warms PostgreSQL's cache for the rest, which on the national sample is worth more than the
      // 1 s warm-up, and the machine's speed drifts during a run.
      const runs = new Map<string, Measured[]>();
      for (let round = 0; round < ROUNDS; round++) {
        const order = targets.map((_, i) => must(targets[(i + index + round) % targets.length], 'modulo the length'));
        for (const target of order) {
          const send = await target.prepare(scenario);
          await closedLoop(send, CONCURRENCY, 1); // warm-up: query plans, connections, JIT
          log(`${scenario.name} → ${target.name}${ROUNDS > 1 ? ` (round ${round + 1} of ${ROUNDS})` : ''}`);
          // The CPU of the target's gateway (with its workers), of each subgraph and of the
          // PostgreSQL backends serving the benchmark database; the other gateways sit idle.
          const trees = { gateway: target.pid, personnel, training, planning };
          const before = await readCpu(trees, { client: postgres, database });
          const load = must(loadavg()[0], 'loadavg gives three figures');
          const result =
            scenario.mode === 'open'
              ? await openLoop(send, RATE, SECONDS)
              : await closedLoop(send, CONCURRENCY, SECONDS);
          const cpu = cpuPerRequest(before, await readCpu(trees, { client: postgres, database }), result.requests);
          runs.set(target.name, [...(runs.get(target.name) ?? []), { ...result, cpu, loadAverage: load }]);
        }
      }
      // The median run: by throughput in a closed loop, by p95 at a fixed rate (where throughput is the rate).
      const key = (r: Measured) => (scenario.mode === 'open' ? -r.p95 : r.throughput);
      const median = (results: Measured[]) =>
        must([...results].sort((a, b) => key(a) - key(b))[Math.floor((results.length - 1) / 2)], 'a run per round');
      const ours = median(runs.get('ours') ?? []).throughput;
      for (const [target, results] of runs) {
        const result = median(results);
        rows.push({ scenario: scenario.name, target, result, ratio: result.throughput / ours });
      }
    }
    rows.sort(
      (a, b) =>
        SCENARIOS.findIndex((s) => s.name === a.scenario) - SCENARIOS.findIndex((s) => s.name === b.scenario) ||
        targets.findIndex((t) => t.name === a.target) - targets.findIndex((t) => t.name === b.target),
    );
    const memory = Object.fromEntries(targets.filter((t) => t.pid).map((t) => [t.name, peakMemoryMb(t.pid)]));
    report(rows, memory);
  } finally {
    await postgres.end();
    await stopRecorder();
    await Promise.all(gateways.map((child) => stopChild(child)));
    await platform.stop();
    await dropDatabase(server.serverUrl, database);
    await server.stop();
  }
}

/** The soak's mix: mostly single dossiers, some pages of 20, one request in ten a write. */
async function runSoak(url: string, pids: Record<string, number | undefined>): Promise<void> {
  const random = new SeededRandom(7);
  const r = () => random.next();
  const bearer = renewing(() => token({ role: Role.ADMIN, sub: 'soak' }), 5 * 60_000);
  const send =
    (request: GraphQLRequest): Send =>
    async () =>
      postGraphQLRequest(url, {
        body: JSON.stringify(request),
        headers: { authorization: `Bearer ${await bearer()}` },
      });
  log(`soak: ${RATE} requests/s for ${DURATION} s (85% dossiers, 5% pages of 20, 10% writes), sampled every 10 s`);
  const result = await soak({
    rate: RATE,
    seconds: DURATION,
    sampleSeconds: 10,
    pids,
    log,
    next: () => {
      const dice = r();
      if (dice < 0.85) return { kind: 'dossier', send: send({ query: DOSSIER, variables: { id: randomCadreId(r) } }) };
      if (dice < 0.9)
        return {
          kind: 'page of 20',
          send: send({
            query: DOSSIER_PAGE,
            variables: { first: 20, filter: { category: CATEGORIES[Math.floor(r() * CATEGORIES.length)] } },
          }),
        };
      return { kind: 'write', send: send(randomWrite(r)) };
    },
  });
  const fixed = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
  const names = Object.keys(pids);
  const lines = [
    `| s | requests | errors | p50 ms | p99 ms | ${names.map((n) => `${n} RSS MB`).join(' | ')} |`,
    `|---:|---:|---:|---:|---:|${names.map(() => '---:').join('|')}|`,
    ...result.intervals.map(
      (i) =>
        `| ${i.at} | ${i.requests} | ${i.errors} | ${fixed(i.p50)} | ${fixed(i.p99)} | ${names.map((n) => fixed(i.rssMb[n] ?? NaN)).join(' | ')} |`,
    ),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  process.stdout.write(
    `Requests ${result.requests} (${Object.entries(result.requestsByKind)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}), errors ${result.errors} (${
      Object.entries(result.errorsByKind)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    })\n`,
  );
  process.stdout.write(
    `Memory slope after the first minute (MB/min): ${names.map((n) => `${n} ${result.memorySlopeMbPerMinute[n]?.toFixed(2)}`).join(', ')}\n`,
  );
  const machine = machineInfo();
  process.stdout.write(
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GiB, Node ${machine.node}; ${SIZE === 'demo' ? 'demo province' : `generated ${SIZE} dataset`} (${CADRES.toLocaleString('en')} cadres)\n`,
  );
  const file = writeResults('soak', { machine, rate: RATE, seconds: DURATION, size: SIZE, cadres: CADRES, ...result });
  log(`figures written to ${file}`);
}

/** A run's figures: the load's, the CPU per request of each process group, the 1-minute load average at its start. */
type Measured = LoadResult & { cpu: Record<string, number>; loadAverage: number };
type Row = { scenario: string; target: string; result: Measured; ratio: number };

/** The CPU columns, in this order; "all" is their sum. */
const CPU_GROUPS = ['gateway', 'personnel', 'training', 'planning', 'PostgreSQL'];

function report(rows: Row[], memory: Record<string, number | null>): void {
  const fixed = (n: number | null | undefined, digits = 1) =>
    n === null || n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits);
  const total = (cpu: Record<string, number>) => CPU_GROUPS.reduce((sum, group) => sum + (cpu[group] ?? 0), 0);
  const lines = [
    `| scenario | target | req/s | × ours | p50 ms | p95 ms | p99 ms | errors | SQL/req | ${CPU_GROUPS.map((g) => `${g} CPU ms/req`).join(' | ')} | all CPU ms/req | load avg |`,
    `|---|---|---:|---:|---:|---:|---:|---:|---:|${CPU_GROUPS.map(() => '---:').join('|')}|---:|---:|`,
    ...rows.map(
      ({ scenario, target, result: r, ratio }) =>
        `| ${scenario} | ${target} | ${fixed(r.throughput)} | ${fixed(ratio, 2)} | ${fixed(r.p50)} | ${fixed(r.p95)} | ${fixed(r.p99)} | ${r.errors}/${r.requests} | ${fixed(r.sqlPerRequest)} | ${CPU_GROUPS.map((g) => fixed(r.cpu[g], 2)).join(' | ')} | **${fixed(total(r.cpu), 2)}** | ${fixed(r.loadAverage, 1)} |`,
    ),
  ];
  const machine = machineInfo();
  process.stdout.write(
    `\n${lines.join('\n')}\n\nPeak gateway memory (MB, all ${WORKERS} worker(s) and primary): ${Object.entries(memory)
      .map(([k, v]) => `${k} ${fixed(v)}`)
      .join(', ')}\n`,
  );
  process.stdout.write(
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GiB, Node ${machine.node}; ${SECONDS} s per run, ${CONCURRENCY} clients, ${WORKERS} worker(s) per gateway, ${SIZE === 'demo' ? 'demo province' : `generated ${SIZE} dataset, seed ${SEED}`} (${CADRES.toLocaleString('en')} cadres)\n`,
  );
  const file = writeResults('bench', {
    machine,
    seconds: SECONDS,
    concurrency: CONCURRENCY,
    rate: RATE,
    workers: WORKERS,
    size: SIZE,
    seed: SEED,
    cadres: CADRES,
    rows,
    peakMemoryMb: memory,
  });
  log(`figures written to ${file}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
