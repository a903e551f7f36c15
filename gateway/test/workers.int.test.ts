import { freePort, REPO_ROOT } from '@cadres/platform';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * GATEWAY_WORKERS: the built gateway as a real process (as the launcher runs it). The subgraphs are
 * not needed: the gateway starts from its composed supergraph, and /health answers (503) without them.
 */
const NOWHERE = 'http://127.0.0.1:1/graphql';
/** Each worker loads the whole gateway: on a busy machine starting two takes a while. */
const STARTUP_MS = 90_000;
const started: ChildProcess[] = [];
afterEach(() => started.forEach((child) => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));

async function startGateway(workers: number): Promise<{ primary: ChildProcess; port: number; exited: Promise<number | null> }> {
  const port = await freePort();
  const primary = spawn(process.execPath, [join(REPO_ROOT, 'gateway/dist/index.js')], {
    env: { ...process.env, GATEWAY_WORKERS: String(workers), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'test', GRAPHIQL: 'false', HEALTH_TIMEOUT_MS: '200', PERSONNEL_URL: NOWHERE, TRAINING_URL: NOWHERE, PLANNING_URL: NOWHERE },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  started.push(primary);
  const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
  // Ready once every worker has logged that it listens.
  await new Promise<void>((resolve, reject) => {
    let ready = 0;
    createInterface({ input: primary.stdout! }).on('line', (line) => {
      if (line.includes('"gateway ready"') && ++ready === workers) resolve();
    });
    void exited.then((code) => reject(new Error(`the gateway exited with ${code} before it was ready`)));
  });
  return { primary, port, exited };
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
      const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status)));
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
      process.kill(victim, 'SIGKILL');
      expect(await exited).toBe(1);
      expect(() => process.kill(survivor, 0)).toThrow();
    },
    STARTUP_MS + 20_000,
  );
});
