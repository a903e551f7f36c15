import { demoKeys, Role } from '@cadres/core';
import { freePort, startPlatform, type RunningPlatform, type ServicePorts } from '@cadres/platform';
import { LEAK_PATTERN, postGraphQL } from '@cadres/testing';
import { createFaultDatabase, listenersBySubgraph, waitFor, type FaultDatabase } from '../support/fault-database';
import { token } from '../support/platform';

/**
 * The platform on a PostgreSQL of its own that is down when the platform starts, then restarted
 * five times under it, with no subgraph restarted: each subgraph waits (live, not ready), becomes
 * ready once the database is there, and after every restart holds exactly one LISTEN connection
 * and answers dossiers again.
 */
const SUBGRAPHS = ['personnel', 'training', 'planning'] as const;
const DOSSIER = `query Dossier($id: ID!) { cadre(id: $id) { fullName orgUnit { name } trainingHistory { programme { name } } planningHistory { term { code } title { name } } } }`;

let database: FaultDatabase;
let platform: RunningPlatform | undefined;
let ports: ServicePorts;
let admin: string;

beforeAll(async () => {
  database = await createFaultDatabase({ start: false });
  ports = { gateway: await freePort(), personnel: await freePort(), training: await freePort(), planning: await freePort() };
  admin = await token({ role: Role.ADMIN });
}, 60_000);

afterAll(async () => {
  await platform?.stop();
  await database?.destroy();
}, 60_000);

async function dossier() {
  return postGraphQL<{ cadre: { fullName: string } | null }>(`http://127.0.0.1:${ports.gateway}/graphql`, DOSSIER, { id: demoKeys.cadreId(1) }, { authorization: `Bearer ${admin}` });
}

const startOnFaultDatabase = () =>
  startPlatform({
    databaseUrl: database.databaseUrl,
    ports,
    seedDemoData: true,
    stdio: 'pipe',
    env: { LOG_LEVEL: 'warn', NODE_ENV: 'test', STARTUP_RETRY_MAX_MS: '1000' },
    readyTimeoutMs: 180_000,
  });

const status = async (url: string) => (await fetch(url, { signal: AbortSignal.timeout(5000) })).status;

describe('subgraphs and a PostgreSQL that is down or restarts', () => {
  it('start before their database: live, not ready and refusing GraphQL with 503, then ready once it is up, without a restart', async () => {
    const starting = startOnFaultDatabase();
    let failed: unknown;
    starting.catch((error: unknown) => (failed = error));

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
    process.stdout.write(`[fault] started before PostgreSQL: ready ${readyAfterMs} ms after it came up (migrations and demo data included)\n`);
  }, 240_000);

  it('restarted five times: after each, exactly one LISTEN connection per subgraph and dossiers answered', async () => {
    if (!platform) {
      // The first test failed: this one still runs on a platform started the ordinary way.
      if (!database.running()) await database.start();
      platform = await startOnFaultDatabase();
    }
    await waitFor('one listener per subgraph', async () => Object.values(await listenersBySubgraph(database.databaseUrl)).every((n) => n === 1));

    // A client reading dossiers all along, to count what fails while the database is away.
    const outcomes: { at: number; ok: boolean; code?: string }[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const at = Date.now();
        try {
          const answer = await dossier();
          outcomes.push({ at, ok: !answer.body.errors && !!answer.body.data?.cadre, code: answer.body.errors?.[0]?.extensions?.code as string | undefined });
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
          if (!SUBGRAPHS.every((name) => listeners[name] >= 1)) return false;
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
    process.stdout.write(`[fault] 5 PostgreSQL restarts: ${outcomes.length} dossiers read, ${failed.length} failed (${codes || 'none'}); ${figures.join('; ')}\n`);
  }, 240_000);
});
