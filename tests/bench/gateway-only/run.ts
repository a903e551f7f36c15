import { must } from '@cadres/core';
/**
 * `npm run bench:gateway-only`: the gateways alone on the public workload of
 * graphql-hive/graphql-gateways-benchmark: its supergraph, its four subgraphs' data served as
 * static answers (subgraphs.ts), its test query, and a closed loop of clients like its k6 script's
 * constant scenario (50 clients, each sending the next request as soon as its answer is in, after
 * a warm-up). Targets, in one run, interleaved: our gateway's federation layer (ours.ts; also with
 * its sharing off), stock @apollo/gateway, Hive Gateway and Hive Gateway with the Rust query
 * planner (others.ts). Before measuring, every target's answer must equal stock @apollo/gateway's,
 * as the k6 script checks the answer's shape. Prints a table (req/s, latency, the CPU per request
 * of the gateway and of the subgraph process, from /proc) and writes JSON to bench-results/.
 *
 * Options: --seconds=20 --concurrency=50 --rounds=3 --workers=1 --warmup=5 (seconds)
 * --only=<gateway name prefix> (e.g. --only=ours: ours alone, stock kept as the reference answer).
 */
import { stopChild } from '@cadres/platform';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { loadavg } from 'node:os';
import { cpuPerRequest, peakMemoryMb, readCpu } from '../cpu';
import { closedLoop, graphQLTarget, type LoadResult } from '../load';
import { startReadyProcess } from '../processes';
import { machine as machineInfo, writeResults } from '../results';
import { TEST_QUERY } from './query';

const option = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SECONDS = option('seconds', 20);
const CONCURRENCY = option('concurrency', 50);
const ROUNDS = option('rounds', 3);
const WORKERS = option('workers', 1);
const WARMUP = option('warmup', 5);
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.split('=')[1];
const log = (line: string) => process.stdout.write(`[gateway-only] ${line}\n`);
const BODY = JSON.stringify({ query: TEST_QUERY });

/** The public benchmark's published constant-load table (its repository's results, 50 clients, 60 s). */
const PUBLISHED = [
  'Hive Router 1,709 req/s (p95 50 ms)',
  'Apollo Router 353 (p95 183 ms)',
  'Hive Gateway 291 (p95 316 ms)',
  '@apollo/gateway 91 with one worker (p95 630 ms), 281 with as many workers as cores',
];

interface TargetSpec {
  name: string;
  script: string;
  env: NodeJS.ProcessEnv;
  path: string;
}

/**
 * Every gateway runs with NODE_ENV=production, as the public benchmark runs them; ours refuses its
 * development secrets there, so it gets secrets of this run's own.
 */
const SECRETS = {
  AUTH_HS256_SECRET: randomBytes(32).toString('hex'),
  INTERNAL_SIGNING_SECRET: randomBytes(32).toString('hex'),
};

const TARGETS: TargetSpec[] = [
  { name: 'ours (federation layer)', script: 'ours', env: SECRETS, path: '/' },
  { name: 'ours, sharing off', script: 'ours', env: { ...SECRETS, SHARING: 'off' }, path: '/' },
  { name: 'stock @apollo/gateway', script: 'others', env: { GATEWAY: 'stock' }, path: '/' },
  { name: 'Hive Gateway', script: 'others', env: { GATEWAY: 'hive' }, path: '/graphql' },
  { name: 'Hive Gateway + Rust planner', script: 'others', env: { GATEWAY: 'hive-rust' }, path: '/graphql' },
];

type Measured = LoadResult & { cpu: Record<string, number>; loadAverage: number };

async function answerOf(url: string): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', body: BODY, headers: { 'content-type': 'application/json' } });
  return response.json();
}

async function main(): Promise<void> {
  const started: ChildProcess[] = [];
  try {
    const subgraphs = await startReadyProcess('tests/dist/bench/gateway-only/subgraphs.js', {}, started);
    const origin = `http://127.0.0.1:${subgraphs.port}`;
    log(`static subgraphs at ${origin}; starting ${TARGETS.length} gateways, ${WORKERS} worker(s) each…`);
    const targets = [];
    const reference = TARGETS.find((t) => t.name === 'stock @apollo/gateway')!;
    for (const spec of TARGETS.filter((t) => !ONLY || t.name.startsWith(ONLY) || t === reference)) {
      const { port, pid } = await startReadyProcess(
        `tests/dist/bench/gateway-only/${spec.script}.js`,
        { ...spec.env, SUBGRAPHS_ORIGIN: origin, WORKERS: String(WORKERS), NODE_ENV: 'production', LOG_LEVEL: 'warn' },
        started,
      );
      targets.push({ ...spec, url: `http://127.0.0.1:${port}${spec.path}`, pid });
    }
    // The k6 script's check: the answer has the expected shape. Here: every gateway's answer is
    // stock @apollo/gateway's, with data and no errors.
    const expected = await answerOf(targets.find((t) => t.name === reference.name)!.url);
    if (!(expected as { data?: unknown }).data || (expected as { errors?: unknown }).errors)
      throw new Error(`stock @apollo/gateway's answer has errors: ${JSON.stringify(expected).slice(0, 500)}`);
    for (const target of targets) {
      const answer = await answerOf(target.url);
      if (!isDeepStrictEqual(answer, expected))
        throw new Error(`${target.name} answers otherwise than stock: ${JSON.stringify(answer).slice(0, 500)}`);
    }
    log(`every gateway gives the same answer (${JSON.stringify(expected).length.toLocaleString('en')} bytes)`);

    const runs = new Map<string, Measured[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i] of targets.entries()) {
        const target = must(targets[(i + round) % targets.length], 'an index modulo the length');
        const send = graphQLTarget(target.url, async () => ({ body: BODY, headers: {} }));
        // Warm-up as the k6 script's setup: twice as many requests as clients, then load.
        for (let n = 0; n < CONCURRENCY * 2; n++) await send();
        await closedLoop(send, CONCURRENCY, WARMUP);
        log(`${target.name} (round ${round + 1} of ${ROUNDS})`);
        const trees = { gateway: target.pid, subgraphs: subgraphs.pid };
        const before = await readCpu(trees);
        const loadAverage = must(loadavg()[0], 'loadavg gives three figures');
        const result = await closedLoop(send, CONCURRENCY, SECONDS);
        const cpu = cpuPerRequest(before, await readCpu(trees), result.requests);
        runs.set(target.name, [...(runs.get(target.name) ?? []), { ...result, cpu, loadAverage }]);
      }
    }
    const median = (results: Measured[]) =>
      must(
        [...results].sort((a, b) => a.throughput - b.throughput)[Math.floor((results.length - 1) / 2)],
        'a run per round',
      );
    const rows = targets.map((t) => ({
      target: t.name,
      result: median(runs.get(t.name) ?? []),
      memory: peakMemoryMb(t.pid),
    }));
    const stock = rows.find((r) => r.target === 'stock @apollo/gateway')!.result.throughput;
    const fixed = (n: number | null | undefined, digits = 1) =>
      n === null || n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits);
    const lines = [
      '| gateway | req/s | × stock | p50 ms | p95 ms | p99 ms | errors | gateway CPU ms/req | subgraphs CPU ms/req | peak MB | load avg | req/s of each round |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
      ...rows.map(
        ({ target, result: r, memory }) =>
          `| ${target} | ${fixed(r.throughput)} | ${fixed(r.throughput / stock, 2)} | ${fixed(r.p50)} | ${fixed(r.p95)} | ${fixed(r.p99)} | ${r.errors}/${r.requests} | ${fixed(r.cpu.gateway, 2)} | ${fixed(r.cpu.subgraphs, 2)} | ${fixed(memory, 0)} | ${fixed(r.loadAverage)} | ${(runs.get(target) ?? []).map((m) => fixed(m.throughput)).join(', ')} |`,
      ),
    ];
    const machine = machineInfo();
    process.stdout.write(
      `\n${lines.join('\n')}\n\n${CONCURRENCY} clients, ${WARMUP} s warm-up, ${SECONDS} s per run, ${ROUNDS} rounds (median run by req/s), ${WORKERS} worker(s) per gateway; ` +
        `${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}\nPublished (the public benchmark's machine, gateway on its own cores): ${PUBLISHED.join('; ')}\n`,
    );
    const file = writeResults('gateway-only', {
      machine,
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      workers: WORKERS,
      rows,
      runs: Object.fromEntries(runs),
    });
    log(`figures written to ${file}`);
  } finally {
    await Promise.all(started.map((child) => stopChild(child)));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[gateway-only] ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
