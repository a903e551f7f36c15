import { must } from '@cadres/core';
/**
 * The gateway's hand-written plumbing against the kept libraries that could replace it (issue 17,
 * item 4), each piece on its own, where it sits on the hot path:
 *
 * - `handler`: the /graphql handler with its compression (`graphqlHandler` + `sendBody`) against
 *   `@as-integrations/express5` behind `compression`, over real HTTP, for answers below the
 *   compression threshold, the size of a dossier, and the size of a page of 50 dossiers.
 * - `logging`: the request log line, hand-written middleware against `pino-http`, over real HTTP.
 * - `limits`: the depth and alias measures of a new operation, hand-written against
 *   `@escape.tech/graphql-armor` (Apollo Server then caches the parsed and validated document, so
 *   this is paid once per distinct operation, not per request).
 *
 *   npm run build && node tests/dist/bench/kept-libraries.js [handler|logging|limits]
 *
 * The HTTP pieces run in a child process (logs to /dev/null) so that its CPU (`process.cpuUsage`,
 * asked over IPC before and after each round) is the server's alone; the client is this process.
 * Rounds are interleaved (each variant once per round, after a warm-up round) so that a neighbour's
 * load on the shared machine falls on both alike.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { measureLimits } from './kept-libraries-limits';
import { serve } from './kept-libraries-servers';

const ROUNDS = 6;
const CONCURRENCY = 8;

type Cpu = { user: number; system: number };

function askCpu(child: ChildProcess): Promise<Cpu> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as Cpu));
    child.send('cpu');
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** One request, its body read and dropped (never decompressed: that is the client's CPU). */
function send(url: URL, body: string | null, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: body === null ? 'GET' : 'POST',
        headers: body === null ? headers : { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`status ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

interface Case {
  label: string;
  path: string;
  body: string | null;
  headers: Record<string, string>;
  requests: number;
}

interface Figures {
  cpuMicros: number[];
  perSecond: number[];
  bytes: number;
}

async function round(
  child: ChildProcess,
  base: string,
  c: Case,
): Promise<{ cpu: number; perSecond: number; bytes: number }> {
  const url = new URL(c.path, base);
  let left = c.requests;
  let bytes = 0;
  const before = await askCpu(child);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) bytes = await send(url, c.body, c.headers);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = await askCpu(child);
  const cpu = (after.user - before.user + after.system - before.system) / c.requests;
  return { cpu, perSecond: c.requests / seconds, bytes };
}

const range = (values: number[], digits: number) =>
  `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)} (median ${must([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)], 'rounds measured').toFixed(digits)})`;

/** Interleaved rounds over the variants the child serves (one port each), per case. */
async function httpPiece(piece: 'handler' | 'logging', cases: Case[]): Promise<void> {
  const child = fork(__filename, ['serve', piece], {
    stdio: ['ignore', openSync('/dev/null', 'w'), 'inherit', 'ipc'],
  });
  const ports = await new Promise<Record<string, number>>((resolve) =>
    child.once('message', (message) => resolve(message as Record<string, number>)),
  );
  try {
    for (const c of cases) {
      const figures: Record<string, Figures> = {};
      for (let r = 0; r <= ROUNDS; r++) {
        // Alternate which variant goes first, so neither always follows the other.
        const order = r % 2 ? Object.keys(ports).reverse() : Object.keys(ports);
        for (const variant of order) {
          const result = await round(child, `http://127.0.0.1:${ports[variant]}`, c);
          if (r === 0) continue; // warm-up
          const f = (figures[variant] ??= { cpuMicros: [], perSecond: [], bytes: 0 });
          f.cpuMicros.push(result.cpu);
          f.perSecond.push(result.perSecond);
          f.bytes = result.bytes;
        }
      }
      for (const [variant, f] of Object.entries(figures))
        process.stdout.write(
          `${piece} ${c.label.padEnd(28)} ${variant.padEnd(12)} ${range(f.cpuMicros, 1)} µs CPU/request, ` +
            `${range(f.perSecond, 0)} req/s, ${f.bytes} bytes on the wire\n`,
        );
    }
  } finally {
    child.kill();
  }
}

async function main(): Promise<void> {
  const [mode, piece] = process.argv.slice(2);
  if (mode === 'serve') {
    const ports = await serve(piece as 'handler' | 'logging');
    process.on('message', () => process.send?.(process.cpuUsage()));
    process.send?.(ports);
    return;
  }
  const pieces = mode ? [mode] : ['handler', 'logging', 'limits'];
  if (pieces.includes('handler')) {
    const query = (n: number) =>
      JSON.stringify({ query: `{ items(n: ${n}) { id name unit title status since rating } }` });
    const compressed = { 'accept-encoding': 'br, gzip' };
    await httpPiece('handler', [
      { label: 'small answer (under 1 KB)', path: '/graphql', body: query(2), headers: compressed, requests: 3000 },
      { label: 'dossier-sized answer', path: '/graphql', body: query(12), headers: compressed, requests: 3000 },
      { label: '50-dossier page answer', path: '/graphql', body: query(300), headers: compressed, requests: 600 },
      {
        label: 'page, gzip only',
        path: '/graphql',
        body: query(300),
        headers: { 'accept-encoding': 'gzip' },
        requests: 600,
      },
    ]);
  }
  if (pieces.includes('logging'))
    await httpPiece('logging', [
      {
        label: 'GET, 1 log line',
        path: '/ping',
        body: null,
        headers: { 'x-request-id': 'bench-request' },
        requests: 8000,
      },
    ]);
  if (pieces.includes('limits')) {
    measureLimits(ROUNDS);
  }
  agent.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`[kept-libraries] ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
