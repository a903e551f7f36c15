/**
 * Issue 13, gateway side: what a client sees when a subgraph fails, and how the gateway stops.
 * Every service is a real process; faults are real too: a subgraph killed (SIGKILL) and started
 * again, a subgraph frozen (SIGSTOP) and thawed, and a proxy in front of the real training
 * subgraph that answers an error status, garbage or nothing, or holds calls. No fixed sleeps:
 * every wait polls a condition.
 */
import { demoKeys, Role } from '@cadres/core';
import { LEAK_PATTERN, postGraphQL, type GraphQLResult } from '@cadres/testing';
import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import {
  exited,
  FaultProxy,
  killService,
  PROXY_INTERNALS,
  restartSubgraph,
  startGateway,
  steadyLoad,
  waitFor,
  type GatewayProcess,
  type Outcome,
} from '../support/faults';
import { startE2EPlatform, token, type E2EPlatform } from '../support/platform';
import { DOSSIER, DOSSIER_PAGE } from '../support/queries';

/**
 * Below the default (10 s), so that a frozen subgraph costs the test little; not much below, or a
 * page of 50 dossiers on a machine whose every core is busy would time out for real.
 */
const SUBGRAPH_TIMEOUT_MS = 5_000;
const CADRE = demoKeys.cadreId(1);
/** Anything that would tell a client where or what the subgraphs are. */
const INTERNALS = /127\.0\.0\.1|localhost|https?:\/\/|ECONN|socket|Unauthorized|statusText/i;

let platform: E2EPlatform;
let admin: string;
const restarted: ChildProcess[] = [];
/** What each fault cost, printed once at the end (the closing report quotes these figures). */
const figures: Record<string, number> = {};

type Dossier = { cadre: Record<string, unknown> | null };
type ErrorShape = { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> };

beforeAll(async () => {
  // Up to 3 minutes to start: it starts again processes of its own, and other suites run beside it.
  platform = await startE2EPlatform({
    env: { SUBGRAPH_TIMEOUT_MS: String(SUBGRAPH_TIMEOUT_MS) },
    readyTimeoutMs: 180_000,
  });
  admin = await token({ role: Role.ADMIN });
}, 200_000);

afterAll(async () => {
  for (const child of restarted) child.kill('SIGTERM');
  await Promise.all(restarted.map(exited));
  await platform?.stop();
  // The figures the closing report of issue 13 quotes: what each fault cost.
  process.stdout.write(`gateway fault figures: ${JSON.stringify(figures)}\n`);
}, 60_000);

const dossierAt = (gatewayUrl: string, id = CADRE) =>
  postGraphQL<Dossier>(`${gatewayUrl}/graphql`, DOSSIER, { id }, { authorization: `Bearer ${admin}` });

function errorsOf(result: GraphQLResult<unknown>): ErrorShape[] {
  return result.body.errors ?? [];
}

/** The answer carries every part but `missing`, and says which subgraph failed, with no internals. */
function expectPartialDossier(result: GraphQLResult<Dossier>, service: string, code: string) {
  expect(result.status).toBe(200);
  const cadre = result.body.data?.cadre;
  expect(cadre?.fullName).toBe('Lò Văn Minh');
  expect(cadre?.careerHistory).toHaveLength(4);
  const errors = errorsOf(result);
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.extensions).toEqual({ code, service });
    expect(error.path?.[0]).toBe('cadre');
  }
  expect(result.text).not.toMatch(INTERNALS);
  expect(result.text).not.toMatch(PROXY_INTERNALS);
  expect(result.text).not.toMatch(LEAK_PATTERN);
}

/** A dossier answer as the client lives it: whole, partial (personnel's part there), or failed. */
async function dossierOutcome(): Promise<Outcome> {
  const result = await platform.query<Dossier>(DOSSIER, { id: CADRE });
  if (fullDossier(result)) return 'full';
  return result.status === 200 && result.body.data?.cadre?.fullName === 'Lò Văn Minh' ? 'partial' : 'failed';
}

const fullDossier = (result: GraphQLResult<Dossier>) =>
  result.status === 200 &&
  !result.body.errors &&
  Array.isArray(result.body.data?.cadre?.trainingHistory) &&
  Array.isArray(result.body.data?.cadre?.planningHistory);

describe('a subgraph that answers badly, behind a proxy', () => {
  let proxy: FaultProxy;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    proxy = new FaultProxy(`http://127.0.0.1:${platform.ports.training}/graphql`);
    await proxy.start();
    // A long deadline: what these tests see must come from the fault, not from a timeout.
    gateway = await startGateway(platform, {
      TRAINING_URL: proxy.url,
      SUBGRAPH_TIMEOUT_MS: '20000',
      SHUTDOWN_DRAIN_MS: '1000',
    });
  }, 150_000);

  afterAll(async () => {
    if (gateway) {
      gateway.child.kill('SIGKILL');
      await exited(gateway.child);
    }
    await proxy?.stop();
  });

  it.each(['status-503', 'status-401', 'garbage', 'wrong-shape'] as const)(
    'answers %s from training with the rest of the dossier and SUBGRAPH_UNAVAILABLE',
    async (mode) => {
      proxy.mode = mode;
      const result = await dossierAt(gateway.url);
      expectPartialDossier(result, 'training', 'SUBGRAPH_UNAVAILABLE');
      const cadre = result.body.data!.cadre!;
      expect(cadre.trainingHistory).toBeNull();
      expect(cadre.politicalTheoryLevel).toBeNull();
      expect(Array.isArray(cadre.planningHistory)).toBe(true);
      expect(errorsOf(result).map((e) => e.path)).toEqual(expect.arrayContaining([['cadre', 'trainingHistory']]));
      expect(errorsOf(result)[0]?.message).toBe(
        'The training service is unavailable; this part of the answer is missing.',
      );
    },
  );

  it('keeps a subgraph’s own errors, code and path, as they were', async () => {
    proxy.mode = 'pass';
    const result = await postGraphQL(
      `${gateway.url}/graphql`,
      '{ trainingClass(id: "not-an-id") { id } }',
      {},
      { authorization: `Bearer ${admin}` },
    );
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({
        path: ['trainingClass'],
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
  });

  it('answers a mutation whose connection drops after it was sent as of unknown outcome, and never sends it twice', async () => {
    proxy.mode = 'drop';
    const before = proxy.calls.length;
    const result = await postGraphQL(
      `${gateway.url}/graphql`,
      'mutation { createProvider(input: { code: "FAULT-1", name: "Fault test", country: "VN", level: PROVINCIAL }) { provider { id } } }',
      {},
      { authorization: `Bearer ${admin}` },
    );
    expect(result.status).toBe(200);
    expect(errorsOf(result)).toEqual([
      {
        message:
          'The training service is unavailable; whether the change was made is unknown: check before trying again.',
        path: ['createProvider'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'training' },
      },
    ]);
    expect(proxy.calls.length - before).toBe(1);
  });

  it('aborts the subgraph call of a client that goes away', async () => {
    proxy.mode = 'hold';
    const before = proxy.held.length;
    const client = request(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    });
    client.on('error', () => undefined);
    client.end(JSON.stringify({ query: DOSSIER, variables: { id: CADRE } }));
    const call = await waitFor('the training call', () => proxy.held[before]);
    const gone = Date.now();
    client.destroy();
    await waitFor('the gateway to abort the training call', () => (call.abandoned ? true : undefined), 10_000);
    figures.clientAbortToSubgraphAbortMs = Date.now() - gone;
    proxy.release();
  });
});

describe('a subgraph killed and started again', () => {
  it('answers dossiers and pages without training, then in full once it is back, without a gateway restart', async () => {
    expect(fullDossier(await platform.query<Dossier>(DOSSIER, { id: CADRE }))).toBe(true);
    // Clients keep asking through the whole outage: none of them may lose personnel's part.
    const load = steadyLoad(dossierOutcome);
    await waitFor('the load to run', () => (load.counts.full > 0 ? true : undefined));
    await killService(platform, 'training');
    try {
      await expectTrainingOutage();
    } finally {
      // Started again whatever the outcome, so that a failure here does not spread to the tests after.
      const restarting = Date.now();
      restarted.push(await restartSubgraph(platform, 'training'));
      await waitFor('a full dossier', async () =>
        fullDossier(await platform.query<Dossier>(DOSSIER, { id: CADRE })) ? true : undefined,
      );
      figures.trainingRestartToFullAnswerMs = Date.now() - restarting;
      const counts = await load.stop();
      Object.assign(figures, {
        trainingOutageFull: counts.full,
        trainingOutagePartial: counts.partial,
        trainingOutageFailed: counts.failed,
      });
    }
    expect(load.counts.failed).toBe(0);
    expect(load.counts.partial).toBeGreaterThan(0);
  }, 120_000);
});

/** What clients see while training is down: every other part of a dossier, a page, a clear refusal. */
async function expectTrainingOutage(): Promise<void> {
  const down = await platform.query<Dossier>(DOSSIER, { id: CADRE });
  expectPartialDossier(down, 'training', 'SUBGRAPH_UNAVAILABLE');
  expect(down.body.data!.cadre!.trainingHistory).toBeNull();
  expect(down.body.data!.cadre!.planningHistory).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ term: { code: '2025-2030' }, title: { name: 'Phó Bí thư Tỉnh ủy' } }),
    ]),
  );
  expect(errorsOf(down)).toEqual(
    expect.arrayContaining([
      {
        message: expect.any(String),
        path: ['cadre', 'trainingHistory'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'training' },
      },
    ]),
  );

  const page = await platform.query<{ cadres: { edges: { node: Record<string, unknown> }[] } }>(DOSSIER_PAGE, {
    first: 50,
  });
  expect(page.status).toBe(200);
  expect(page.body.data?.cadres.edges).toHaveLength(50);
  for (const { node } of page.body.data!.cadres.edges) {
    expect(typeof node.fullName).toBe('string');
    expect(node.trainingHistory).toBeNull();
  }
  expect(page.text).not.toMatch(INTERNALS);

  // A refused connection means the change never reached training: the client is told so.
  const write = await platform.query(
    'mutation { createProvider(input: { code: "FAULT-2", name: "Fault test", country: "VN", level: PROVINCIAL }) { provider { id } } }',
  );
  expect(errorsOf(write)).toEqual([
    {
      message: 'The training service is unavailable; the change was not made.',
      path: ['createProvider'],
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'training' },
    },
  ]);
}

describe('personnel killed under a planning view', () => {
  it('keeps planning’s rows, each title (from personnel) null with its error, then in full once personnel is back', async () => {
    const VIEW = '{ planningEntriesByTitle(termCodes: ["2025-2030"]) { termCode level total title { name } } }';
    type View = {
      planningEntriesByTitle: { termCode: string; total: number; title: { name: string } | null }[] | null;
    };
    const before = await platform.query<View>(VIEW);
    expect(before.body.errors).toBeUndefined();
    const rows = before.body.data!.planningEntriesByTitle!;
    expect(rows.length).toBeGreaterThan(0);

    await killService(platform, 'personnel');
    try {
      const down = await platform.query<View>(VIEW);
      expect(down.status).toBe(200);
      expect(down.body.data!.planningEntriesByTitle!.map(({ termCode, total }) => ({ termCode, total }))).toEqual(
        rows.map(({ termCode, total }) => ({ termCode, total })),
      );
      for (const row of down.body.data!.planningEntriesByTitle!) expect(row.title).toBeNull();
      for (const error of errorsOf(down))
        expect(error).toEqual({
          message: expect.any(String),
          path: ['planningEntriesByTitle', expect.any(Number), 'title', 'name'],
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'personnel' },
        });
      expect(errorsOf(down)).toHaveLength(rows.length);
      expect(down.text).not.toMatch(INTERNALS);
    } finally {
      const restarting = Date.now();
      restarted.push(await restartSubgraph(platform, 'personnel'));
      await waitFor('a full view', async () => {
        const again = await platform.query<View>(VIEW);
        return !again.body.errors && again.body.data?.planningEntriesByTitle?.every((row) => row.title?.name)
          ? true
          : undefined;
      });
      figures.personnelRestartToFullAnswerMs = Date.now() - restarting;
    }
  }, 120_000);
});

describe('a subgraph that stalls', () => {
  it('answers SUBGRAPH_TIMEOUT within the deadline while planning is frozen, and in full once it thaws', async () => {
    const pid = platform.pids.planning!;
    process.kill(pid, 'SIGSTOP');
    try {
      const started = Date.now();
      const frozen = await platform.query<Dossier>(DOSSIER, { id: CADRE });
      const elapsed = Date.now() - started;
      figures.frozenPlanningAnswerMs = elapsed;
      expectPartialDossier(frozen, 'planning', 'SUBGRAPH_TIMEOUT');
      expect(frozen.body.data!.cadre!.planningHistory).toBeNull();
      expect(Array.isArray(frozen.body.data!.cadre!.trainingHistory)).toBe(true);
      expect(errorsOf(frozen)).toEqual([
        {
          message: 'The planning service did not answer in time; this part of the answer is missing.',
          path: ['cadre', 'planningHistory'],
          extensions: { code: 'SUBGRAPH_TIMEOUT', service: 'planning' },
        },
      ]);
      expect(elapsed).toBeGreaterThanOrEqual(SUBGRAPH_TIMEOUT_MS);
      expect(elapsed).toBeLessThan(SUBGRAPH_TIMEOUT_MS + 5_000);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const thawed = Date.now();
    await waitFor('a full dossier', async () =>
      fullDossier(await platform.query<Dossier>(DOSSIER, { id: CADRE })) ? true : undefined,
    );
    figures.planningThawToFullAnswerMs = Date.now() - thawed;
  }, 60_000);
});

describe.each([1, 2])('SIGTERM with requests in flight (GATEWAY_WORKERS=%i)', (workers) => {
  it('turns readiness 503 first, answers every accepted request, then closes the port', async () => {
    const proxy = new FaultProxy(`http://127.0.0.1:${platform.ports.training}/graphql`);
    await proxy.start();
    const gateway = await startGateway(platform, {
      TRAINING_URL: proxy.url,
      SHUTDOWN_DRAIN_MS: '1000',
      GATEWAY_WORKERS: String(workers),
    });
    try {
      proxy.mode = 'hold';
      const inFlight = Array.from({ length: 8 }, (_, i) => dossierAt(gateway.url, demoKeys.cadreId(i + 1)));
      await waitFor('calls held at training', () => (proxy.held.length > 0 ? true : undefined));
      const signalled = Date.now();
      gateway.child.kill('SIGTERM');
      await waitFor('readiness to turn 503', async () =>
        (await fetch(`${gateway.url}/health/ready`)).status === 503 ? true : undefined,
      );
      figures[`workers${workers}SigtermToReady503Ms`] = Date.now() - signalled;
      expect((await fetch(`${gateway.url}/health/live`)).status).toBe(200);
      // Accepted while draining: served as any other.
      const heldBefore = proxy.held.length;
      const late = dossierAt(gateway.url, demoKeys.cadreId(9));
      await waitFor('the late request to reach training', () => (proxy.held.length > heldBefore ? true : undefined));
      proxy.mode = 'pass';
      proxy.release();
      const answers = await Promise.all([...inFlight, late]);
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.body.errors).toBeUndefined();
      }
      expect(await exited(gateway.child)).toBe(0);
      figures[`workers${workers}SigtermToExitMs`] = Date.now() - signalled;
      await expect(fetch(`${gateway.url}/health/live`)).rejects.toThrow();
    } finally {
      gateway.child.kill('SIGKILL');
      await proxy.stop();
    }
  }, 180_000);
});
