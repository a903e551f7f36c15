import { freePort } from '@cadres/platform';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * A primary PostgreSQL and a real streaming replica of it, each a cluster of the test's own in a
 * temporary folder on a free port: `initdb` makes the primary, `pg_basebackup -R` the replica. The
 * machine's server is not touched (its pg_hba.conf allows no replication connections, and it must
 * not be restarted under the other tests). Needs PostgreSQL's server binaries (`PG_BIN`, else
 * Debian's /usr/lib/postgresql/<newest>/bin): the embedded PostgreSQL from npm has no pg_basebackup.
 */
export interface ReplicatedPostgres {
  primaryUrl: string;
  replicaUrl: string;
  /** Stops applying WAL on the replica (it still receives it): its data ages. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  /** Stops both servers and deletes their files. */
  destroy(): Promise<void>;
}

export function postgresBinaries(): string | null {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'pg_basebackup')) ? process.env.PG_BIN : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const [newest] = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_basebackup')))
    .sort((a, b) => Number(b) - Number(a));
  return newest === undefined ? null : join(root, newest, 'bin');
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` system user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  };
}

const urlOf = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;

async function answers(url: string, check: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>(check);
    return rows[0]?.ok === true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function until(
  what: string,
  condition: () => Promise<boolean>,
  server: () => ChildProcess | null,
  log: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (server()?.exitCode != null)
      throw new Error(`${what}: the server exited (${server()?.exitCode}): ${log().slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${log().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startReplicatedPostgres(): Promise<ReplicatedPostgres> {
  const bin = postgresBinaries();
  if (!bin)
    throw new Error(
      'PostgreSQL server binaries with pg_basebackup not found: install postgresql (Debian) or set PG_BIN',
    );
  const user = runAs();
  const root = mkdtempSync(join(tmpdir(), 'cadres-replicas-'));
  if (user) chownSync(root, user.uid, user.gid);
  const primaryDir = join(root, 'primary');
  const replicaDir = join(root, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const run = (program: string, args: string[]) =>
    execFileSync(join(bin, program), args, { ...user, stdio: ['ignore', 'pipe', 'pipe'] });

  // Sockets in the temporary folder, TCP on 127.0.0.1 only; fsync off: a test cluster need not survive a crash.
  const flags = (port: number) => [
    '-c',
    `port=${port}`,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${root}`,
    '-c',
    'fsync=off',
    '-c',
    'max_connections=100',
  ];
  const servers = new Map<string, ChildProcess>();
  const logs = new Map<string, string>();
  const startServer = (name: string, dataDir: string, port: number, extra: string[] = []) => {
    const child = spawn(join(bin, 'postgres'), ['-D', dataDir, ...flags(port), ...extra], {
      ...user,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    logs.set(name, '');
    const append = (chunk: Buffer) => logs.set(name, (logs.get(name)! + chunk.toString()).slice(-20_000));
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    servers.set(name, child);
  };
  const stopServer = async (name: string) => {
    const child = servers.get(name);
    servers.delete(name);
    if (!child || child.exitCode !== null) return;
    // SIGINT: PostgreSQL's fast shutdown (sessions ended, no waiting for clients).
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGINT');
    });
  };
  const destroy = async () => {
    await stopServer('replica');
    await stopServer('primary');
    rmSync(root, { recursive: true, force: true });
  };

  try {
    run('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    // initdb's pg_hba.conf trusts local and 127.0.0.1 connections, replication ones included.
    startServer('primary', primaryDir, primaryPort, ['-c', 'wal_level=replica', '-c', 'max_wal_senders=4']);
    await until(
      'the primary',
      () => answers(urlOf(primaryPort), 'SELECT true AS ok'),
      () => servers.get('primary') ?? null,
      () => logs.get('primary') ?? '',
    );
    run('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '--no-sync',
    ]);
    if (user && statSync(replicaDir).uid !== user.uid)
      throw new Error('pg_basebackup wrote the replica as another user');
    const startReplica = async () => {
      startServer('replica', replicaDir, replicaPort, ['-c', 'hot_standby=on']);
      await until(
        'the replica to stream from the primary',
        () =>
          answers(
            urlOf(replicaPort),
            "SELECT pg_is_in_recovery() AND EXISTS (SELECT FROM pg_stat_wal_receiver WHERE status = 'streaming') AS ok",
          ),
        () => servers.get('replica') ?? null,
        () => logs.get('replica') ?? '',
      );
    };
    await startReplica();
    const onReplica = async (sql: string) => {
      const client = new Client({ connectionString: urlOf(replicaPort) });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    return {
      primaryUrl: urlOf(primaryPort),
      replicaUrl: urlOf(replicaPort),
      pauseReplay: () => onReplica('SELECT pg_wal_replay_pause()'),
      resumeReplay: () => onReplica('SELECT pg_wal_replay_resume()'),
      stopReplica: () => stopServer('replica'),
      startReplica,
      destroy,
    };
  } catch (error) {
    await destroy();
    throw error;
  }
}
