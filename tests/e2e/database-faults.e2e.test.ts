import { demoKeys, DEV_INTERNAL_SIGNING_SECRET, Role, signedSubgraphHeaders, SUBGRAPH_NAMES } from '@cadres/core';
import {
  freePort,
  freePorts,
  startPlatform,
  startService,
  stopChild,
  type RunningPlatform,
  type ServicePorts,
} from '@cadres/platform';
import { LEAK_PATTERN, postGraphQL, TEST_ADMIN, type GraphQLResult } from '@cadres/testing';
import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import {
  createFaultDatabase,
  listenersBySubgraph,
  sessions,
  waitFor,
  type FaultDatabase,
} from '../support/fault-database';
import { token } from '../support/platform';

/**
 * Database faults, on a PostgreSQL server of this file's own (the suite's shared server is never
 * stopped or locked), one platform through all of them, no subgraph restarted:
 * - the platform started while PostgreSQL is down: each subgraph waits (live, not ready), and is
 *   ready once the database is there;
 * - PostgreSQL restarted five times: after each, exactly one LISTEN connection per subgraph and
 *   dossiers answered again;
 * - a table locked by someone else (an operator's `LOCK TABLE`, a long migration): reads that need
 *   it get DATABASE_TIMEOUT within the deadline instead of waiting for the lock, readiness reports
 *   the stalled pool, and every connection goes back to the pool;
 * - a subgraph stopped with SIGTERM while requests wait: every one is answered.
 * One file, one server and one demo load, run in sequence: the faults cost CPU the rest of the
 * suite, running beside them, also needs.
 */
const SUBGRAPHS = SUBGRAPH_NAMES;
const DOSSIER = `query Dossier($id: ID!) { cadre(id: $id) { fullName orgUnit { name } trainingHistory { programme { name } } planningHistory { term { code } title { name } } } }`;
/** Short deadlines and a pool of two, so that a lock fills the pool in a test's time. */
const DEADLINES = {
  DATABASE_LOCK_TIMEOUT_MS: '2000',
  DATABASE_STATEMENT_TIMEOUT_MS: '3000',
  DATABASE_ACQUIRE_TIMEOUT_MS: '1500',
  DATABASE_POOL_SIZE: '2',
  HEALTH_DATABASE_TIMEOUT_MS: '300',
};
/** The longest a read may take: waiting for a connection, then for the lock, plus the way there and back. */
const WORST_CASE_MS = 1500 + 2000 + 2500;

let database: FaultDatabase;
let platform: RunningPlatform | undefined;
let ports: ServicePorts;
let admin: string;

beforeAll(async () => {
  database = await createFaultDatabase({ start: false });
  ports = await freePorts();
  admin = await token({ role: Role.ADMIN });
}, 60_000);

afterAll(async () => {
  await platform?.stop();
  await database?.destroy();
}, 60_000);

async function dossier(id = demoKeys.cadreId(1)) {
  return postGraphQL<{ cadre: { fullName: string } | null }>(
    `http://127.0.0.1:${ports.gateway}/graphql`,
    DOSSIER,
    { id },
    { authorization: `Bearer ${admin}` },
  );
}

const startOnFaultDatabase = () =>
  startPlatform({
    databaseUrl: database.databaseUrl,
    ports,
    seedDemoData: true,
    stdio: 'pipe',
    env: { LOG_LEVEL: 'warn', NODE_ENV: 'test', STARTUP_RETRY_MAX_MS: '1000', ...DEADLINES },
    readyTimeoutMs: 180_000,
  });

/** The platform, started the ordinary way if an earlier test did not leave one running. */
async function runningPlatform(): Promise<RunningPlatform> {
  if (!database.running()) await database.start();
  platform ??= await startOnFaultDatabase();
  return platform;
}

const status = async (url: string) => (await fetch(url, { signal: AbortSignal.timeout(5000) })).status;

describe('subgraphs and a PostgreSQL that is down or restarts', () => {
  it('start before their database: live, not ready and refusing GraphQL with 503, then ready once it is up, without a restart', async () => {
    const starting = startOnFaultDatabase();
    let failed: Error | undefined;
    starting.catch((error: unknown) => (failed = error instanceof Error ? error : new Error(String(error))));

    for (const name of SUBGRAPHS) {
      const base = `http://127.0.0.1:${ports[name]}`;
      await waitFor(`${name} to be live`, async () => {
        if (failed) throw failed;
        return (await status(`${base}/health/live`)) === 200;
      });
      expect(await status(`${base}/health/ready`)).toBe(503);
      expect(await status(`${base}/health`)).toBe(503);
      const early = await postGraphQL(`${base}/graphql`, '{ __typename }');
      expect(early.status).toBe(503);
      expect(early.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(early.text).not.toMatch(LEAK_PATTERN);
    }

    const databaseUp = Date.now();
    await database.start();
    platform = await starting;
    const readyAfterMs = Date.now() - databaseUp;
    const answer = await dossier();
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.cadre?.fullName).toBe('Lò Văn Minh');
    process.stdout.write(
      `[fault] started before PostgreSQL: ready ${readyAfterMs} ms after it came up (migrations and demo data included)\n`,
    );
  }, 240_000);

  it('restarted five times: after each, exactly one LISTEN connection per subgraph and dossiers answered', async () => {
    await runningPlatform();
    await waitFor('one listener per subgraph', async () =>
      Object.values(await listenersBySubgraph(database.databaseUrl)).every((n) => n === 1),
    );

    // A client reading dossiers all along, to count what fails while the database is away.
    const outcomes: { at: number; ok: boolean; code?: string }[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const at = Date.now();
        try {
          const answer = await dossier();
          outcomes.push({
            at,
            ok: !answer.body.errors && !!answer.body.data?.cadre,
            code: answer.body.errors?.[0]?.extensions?.code as string | undefined,
          });
          expect(answer.text).not.toMatch(LEAK_PATTERN);
        } catch {
          outcomes.push({ at, ok: false, code: 'NETWORK' });
        }
      }
    })();

    const rounds: { down: number; up: number; listening: number }[] = [];
    try {
      for (let round = 1; round <= 5; round++) {
        const down = Date.now();
        await database.stop();
        await database.start();
        const up = Date.now();
        await waitFor(`round ${round}: every subgraph listening and the dossier answered`, async () => {
          const listeners = await listenersBySubgraph(database.databaseUrl);
          if (!SUBGRAPHS.every((name) => (listeners[name] ?? 0) >= 1)) return false;
          const answer = await dossier();
          return !answer.body.errors && answer.body.data?.cadre?.fullName === 'Lò Văn Minh';
        });
        rounds.push({ down, up, listening: Date.now() });
        // A dossier answered shows the pools recovered; the count shows no listener leaked.
        expect(await listenersBySubgraph(database.databaseUrl)).toEqual({ personnel: 1, training: 1, planning: 1 });
      }
    } finally {
      reading = false;
      await reader;
    }
    // Still one each once every reconnection timer has had its turn.
    await waitFor('the dossier answered after the last restart', async () => !(await dossier()).body.errors);
    expect(await listenersBySubgraph(database.databaseUrl)).toEqual({ personnel: 1, training: 1, planning: 1 });
    for (const name of SUBGRAPHS) expect(await status(`http://127.0.0.1:${ports[name]}/health/ready`)).toBe(200);

    const failed = outcomes.filter((o) => !o.ok);
    const codes = [...new Set(failed.map((o) => o.code))].join(', ');
    // Per restart: how long PostgreSQL was away, and how long after it was back the first dossier was answered.
    const figures = rounds.map(({ down, up, listening }) => {
      const firstAnswer = outcomes.find((o) => o.ok && o.at >= up)?.at ?? listening;
      return `${up - down} ms down, answering ${Math.max(0, firstAnswer - up)} ms and listening ${listening - up} ms after it was up`;
    });
    process.stdout.write(
      `[fault] 5 PostgreSQL restarts: ${outcomes.length} dossiers read, ${failed.length} failed (${codes || 'none'}); ${figures.join('; ')}\n`,
    );
  }, 240_000);
});

/** Holds an ACCESS EXCLUSIVE lock on personnel's cadre table until the returned function is called. */
async function lockCadreTable(): Promise<() => Promise<void>> {
  const client = new Client({ connectionString: database.databaseUrl, application_name: 'fault-test-lock' });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE personnel.cadre IN ACCESS EXCLUSIVE MODE');
  return async () => {
    await client.query('ROLLBACK');
    await client.end();
  };
}

async function lockWaiters(application: string): Promise<number> {
  return (await sessions(database.databaseUrl)).filter((s) => s.application === application && s.waiting === 'Lock')
    .length;
}

function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  return work.then((result) => ({ result, ms: Date.now() - started }));
}

describe('a locked table', () => {
  it('gives reads DATABASE_TIMEOUT within the deadline, turns readiness 503 while the pool is stuck, and releases every connection', async () => {
    const { gatewayUrl } = await runningPlatform();
    const unlock = await lockCadreTable();
    try {
      // Twice the pool: two reads wait on the lock, the others wait for a connection. Four
      // different cadres, or the gateway would send the identical reads as one call.
      const reads = [1, 2, 3, 4].map((n) =>
        timed(
          postGraphQL(
            `${gatewayUrl}/graphql`,
            DOSSIER,
            { id: demoKeys.cadreId(n) },
            { authorization: `Bearer ${admin}` },
          ),
        ),
      );
      await waitFor(
        'both pooled connections waiting on the lock',
        async () => (await lockWaiters('cadres-personnel')) === 2,
        10_000,
      );

      // `/health` is readiness; before the fix it waited on the pool for as long as the lock lasted.
      const health = await timed(
        fetch(`http://127.0.0.1:${ports.personnel}/health`, { signal: AbortSignal.timeout(10_000) }),
      );
      expect(health.result.status).toBe(503);
      expect(health.ms).toBeLessThan(1500);
      // Liveness is about the process, not the database: nobody should restart it for a lock.
      expect((await fetch(`http://127.0.0.1:${ports.personnel}/health/live`)).status).toBe(200);

      const answers = await Promise.all(reads);
      for (const { result, ms } of answers) {
        expect(ms).toBeLessThan(WORST_CASE_MS);
        expect(result.status).toBe(200);
        expect(result.text).not.toMatch(LEAK_PATTERN);
        expect(result.body.errors?.map((e) => ({ code: e.extensions?.code, path: e.path }))).toEqual([
          { code: 'DATABASE_TIMEOUT', path: ['cadre'] },
        ]);
        expect(result.body.errors?.[0]?.message).toBe('The database did not answer in time; try again shortly.');
      }
      process.stdout.write(
        `[fault] table locked: ${answers.length} reads answered DATABASE_TIMEOUT in ${answers.map((a) => a.ms).join(', ')} ms; readiness 503 in ${health.ms} ms\n`,
      );

      // The abandoned statements were cancelled: no connection still waits or runs, the lock still held.
      await waitFor(
        'personnel connections idle again',
        async () => {
          const personnel = (await sessions(database.databaseUrl)).filter((s) => s.application === 'cadres-personnel');
          return personnel.length <= 2 && personnel.every((s) => s.state === 'idle');
        },
        5000,
      );
    } finally {
      await unlock();
    }
    const after = await postGraphQL<{ cadre: { fullName: string } }>(
      `${gatewayUrl}/graphql`,
      DOSSIER,
      { id: demoKeys.cadreId(1) },
      { authorization: `Bearer ${admin}` },
    );
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data?.cadre.fullName).toBe('Lò Văn Minh');
    expect((await fetch(`http://127.0.0.1:${ports.personnel}/health/ready`)).status).toBe(200);
  }, 60_000);
});

describe('SIGTERM to a subgraph with requests in flight', () => {
  let child: ChildProcess | undefined;
  afterAll(() => (child ? stopChild(child) : undefined));

  it('turns readiness 503 first, keeps serving during the drain, and answers every accepted request before exiting 0', async () => {
    await runningPlatform();
    const port = await freePort();
    const logs: string[] = [];
    // A personnel process of its own, patient with locks, so requests are in flight for as long as the test holds one.
    child = startService(
      'subgraphs/personnel/dist/index.js',
      {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        DATABASE_URL: database.databaseUrl,
        MIGRATE_ON_START: 'false',
        SEED_DEMO_DATA: 'false',
        DATABASE_LOCK_TIMEOUT_MS: '30000',
        DATABASE_STATEMENT_TIMEOUT_MS: '30000',
        SHUTDOWN_DRAIN_MS: '1000',
      },
      'pipe',
      logs,
    );
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    const withLogs = async <T>(work: Promise<T>) =>
      work.catch((error: Error) => Promise.reject(new Error(`${error.message}\n${logs.slice(-20).join('\n')}`)));
    await withLogs(waitFor('the subgraph ready', async () => (await fetch(`${base}/health`)).status === 200));
    // Signed as the gateway signs each call: the identity and this very request.
    const signed = await signedSubgraphHeaders(
      DEV_INTERNAL_SIGNING_SECRET,
      { ...TEST_ADMIN, role: Role.ADMIN },
      'personnel',
      `${base}/graphql`,
    );
    const read = () =>
      postGraphQL<{ cadre: { fullName: string } }>(
        `${base}/graphql`,
        `query ($id: ID!) { cadre(id: $id) { fullName } }`,
        { id: demoKeys.cadreId(1) },
        signed,
      );
    // Warm a keep-alive connection or two before the stop.
    expect((await read()).body.data?.cadre.fullName).toBe('Lò Văn Minh');

    const unlock = await lockCadreTable();
    const inFlight: Promise<GraphQLResult<{ cadre: { fullName: string } }>>[] = [];
    try {
      for (let i = 0; i < 5; i++) inFlight.push(read());
      await waitFor('requests waiting on the lock', async () => (await lockWaiters('cadres-personnel')) >= 2, 10_000);
      child.kill('SIGTERM');
      await withLogs(
        waitFor('readiness 503 after SIGTERM', async () => (await fetch(`${base}/health`)).status === 503, 5000),
      );
      expect((await fetch(`${base}/health/ready`)).status).toBe(503);
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      // Requests still arriving during the drain are accepted and answered too.
      inFlight.push(read());
    } finally {
      await unlock();
    }
    const answers = await Promise.all(inFlight);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.cadre.fullName).toBe('Lò Văn Minh');
    }
    expect(await exited).toBe(0);
    process.stdout.write(
      `[fault] SIGTERM with ${answers.length} requests in flight: ${answers.length} answered, 0 failed; exit 0\n`,
    );
  }, 60_000);
});
