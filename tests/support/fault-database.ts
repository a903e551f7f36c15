import { SUBGRAPH_NAMES } from '@cadres/core';
import { freePort, REPO_ROOT, withClient } from '@cadres/platform';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PostgreSQL server of a fault test's own (embedded, on a free port, in a temporary folder):
 * the test may stop, restart or lock it without touching the suite's shared server.
 */
export interface FaultDatabase {
  /** The cluster's maintenance database, which the platform under test uses as its own. */
  databaseUrl: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  running(): boolean;
  /** Stops the server and deletes its files. */
  destroy(): Promise<void>;
}

const CLI = join(REPO_ROOT, 'shared/platform/dist/embedded-postgres-cli.js');
/** The embedded PostgreSQL's development password (see shared/platform/src/embedded-postgres.ts). */
const URL_OF = (port: number) => `postgres://postgres:cadres-dev-only@127.0.0.1:${port}/postgres`;

/** Runs the embedded server's CLI; resolves once it prints `ready` (or exits, with `--init-only`). */
function runCli(args: string[], untilReady: boolean): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    if (untilReady) createInterface({ input: child.stdout }).on('line', (line) => line === 'ready' && resolve(child));
    child.once('exit', (code) =>
      code === 0 && !untilReady
        ? resolve(child)
        : reject(new Error(`embedded PostgreSQL exited with ${code}: ${errors.slice(-2000)}`)),
    );
  });
}

export async function createFaultDatabase(options: { start: boolean }): Promise<FaultDatabase> {
  const root = mkdtempSync(join(tmpdir(), 'cadres-fault-'));
  // As root, PostgreSQL runs as the `postgres` user, which must reach the data folder inside.
  chmodSync(root, 0o755);
  const dataDir = join(root, 'data');
  const port = await freePort();
  await runCli([dataDir, String(port), '--init-only'], false);
  let server: ChildProcess | null = null;
  const start = async () => {
    server = await runCli([dataDir, String(port)], true);
  };
  const stop = async () => {
    const running = server;
    server = null;
    if (!running || running.exitCode !== null) return;
    await new Promise((resolve) => {
      running.once('exit', resolve);
      running.kill('SIGTERM');
    });
  };
  if (options.start) await start();
  return {
    databaseUrl: URL_OF(port),
    start,
    stop,
    running: () => server !== null && server.exitCode === null,
    destroy: async () => {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export { waitFor } from './wait';

/** The sessions of each of the platform's connection roles (application_name), by state. */
export async function sessions(
  databaseUrl: string,
): Promise<{ application: string; state: string | null; waiting: string | null }[]> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ application: string; state: string | null; waiting: string | null }>(
      `SELECT application_name AS application, state, wait_event_type AS waiting
         FROM pg_stat_activity WHERE application_name LIKE 'cadres-%' AND pid <> pg_backend_pid()`,
    );
    return rows;
  });
}

/** LISTEN connections per subgraph, as PostgreSQL counts them. */
export async function listenersBySubgraph(databaseUrl: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 0]));
  for (const { application } of await sessions(databaseUrl)) {
    const match = /^cadres-(\w+)-listener$/.exec(application);
    const [, subgraph] = match ?? [];
    if (subgraph !== undefined) counts[subgraph] = (counts[subgraph] ?? 0) + 1;
  }
  return counts;
}
