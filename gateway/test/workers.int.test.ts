import { freePort, REPO_ROOT } from '@cadres/platform';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SignJWT } from 'jose';
import { DEV_AUTH_HS256_SECRET } from '../src/env';

/**
 * GATEWAY_WORKERS: the built gateway as a real process (as the launcher runs it). The subgraphs are
 * not needed: the gateway starts from its composed supergraph, and /health answers (503) without them.
 */
const NOWHERE = 'http://127.0.0.1:1/graphql';
/** Each worker loads the whole gateway: on a busy machine starting two takes a while. */
const STARTUP_MS = 90_000;
const started: ChildProcess[] = [];
afterEach(() =>
  started.forEach((child) => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')),
);

async function startGateway(
  workers: number,
  env: Record<string, string> = {},
): Promise<{ primary: ChildProcess; port: number; exited: Promise<number | null> }> {
  const port = await freePort();
  const primary = spawn(process.execPath, [join(REPO_ROOT, 'gateway/dist/index.js')], {
    env: {
      ...process.env,
      GATEWAY_WORKERS: String(workers),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      GRAPHIQL: 'false',
      HEALTH_TIMEOUT_MS: '200',
      PERSONNEL_URL: NOWHERE,
      TRAINING_URL: NOWHERE,
      PLANNING_URL: NOWHERE,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  started.push(primary);
  const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
  // Ready once every worker has logged that it listens.
  await new Promise<void>((resolve, reject) => {
    let ready = 0;
    createInterface({ input: primary.stdout }).on('line', (line) => {
      if (line.includes('"gateway ready"') && ++ready === workers) resolve();
    });
    void exited.then((code) => reject(new Error(`the gateway exited with ${code} before it was ready`)));
  });
  return { primary, port, exited };
}

/** `query Ping { __typename }` on a connection of its own; resolves with the status. */
function ping(port: number, bearer: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query: 'query Ping { __typename }' });
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The primary's children, from /proc. */
function workerPids(primary: number): number[] {
  const children = readFileSync(`/proc/${primary}/task/${primary}/children`, 'utf8').trim();
  return children ? children.split(' ').map(Number) : [];
}

describe('gateway workers', () => {
  it(
    'serves the port from every worker and stops them all cleanly on SIGTERM',
    async () => {
      const { primary, port, exited } = await startGateway(2);
      const workers = workerPids(primary.pid!);
      expect(workers).toHaveLength(2);
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status)),
      );
      expect(answers.every((status) => status === 503)).toBe(true); // no subgraphs here: degraded, but answering
      primary.kill('SIGTERM');
      expect(await exited).toBe(0);
      for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
    },
    STARTUP_MS + 20_000,
  );

  it(
    'stops the gateway, exit 1, when a worker dies',
    async () => {
      const { primary, exited } = await startGateway(2);
      const [victim, survivor] = workerPids(primary.pid!);
      if (victim === undefined || survivor === undefined) throw new Error('expected the two workers asked for');
      process.kill(victim, 'SIGKILL');
      expect(await exited).toBe(1);
      expect(() => process.kill(survivor, 0)).toThrow();
    },
    STARTUP_MS + 20_000,
  );

  it(
    "serves on METRICS_PORT, from the primary, the sum of every worker's series",
    async () => {
      const metricsPort = await freePort();
      const { primary, port, exited } = await startGateway(2, {
        METRICS_PORT: String(metricsPort),
        METRICS_HOST: '127.0.0.1',
      });
      const bearer = await new SignJWT({ role: 'ADMIN', org: [], scopes: [] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('workers-test')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(DEV_AUTH_HS256_SECRET));
      // Answered by the gateway alone (no subgraph is there); a connection each, so that the
      // cluster hands them to the workers in turn.
      const pings = 6;
      for (let i = 0; i < pings; i++) expect(await ping(port, bearer)).toBe(200);
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const count = text
        .split('\n')
        .find(
          (line) =>
            line.startsWith('cadres_graphql_request_duration_seconds_count{') && line.includes('operation="Ping"'),
        );
      expect(Number(count?.split(' ').pop())).toBe(pings);
      primary.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
    STARTUP_MS + 20_000,
  );
});
