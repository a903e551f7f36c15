import { importBatch, problemKeys, startSubgraphProcess, testDatabaseUrl, useSubgraphHarness } from '@cadres/testing';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomInt } from 'node:crypto';
import { Sex } from '../src/modules/cadre/cadre.entity';
import { personnelSubgraph } from '../src/subgraph';
import { usePlanningFactory } from '../../planning/test/factories';
import { cadreBorn, createOrgUnit, createTitle } from './career-fixtures';

/*
 * Rules 8 and 11 ask planning over HTTP. A career-event batch asks it every question before its
 * transaction opens, so planning being slow or down holds no lock of personnel's and writes
 * nothing half. Planning here is the real subgraph, reached through a forwarding proxy the test
 * can hold (slow) or cut (down).
 */

type Mode = 'forward' | 'hold' | 'cut';

/** A real HTTP proxy to the planning process: forwards, holds every request, or drops the connection. */
class PlanningProxy {
  mode: Mode = 'forward';
  requests = 0;
  private server: Server | null = null;
  private planning: { url: string; stop(): Promise<void> } | null = null;
  /** Run as each request arrives, before it is held, cut or forwarded. */
  onArrival: (() => Promise<void>) | null = null;
  private readonly held: (() => void)[] = [];

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('the proxy starts in beforeAll');
    return `http://127.0.0.1:${address.port}/graphql`;
  }

  async start(): Promise<void> {
    this.planning = await startSubgraphProcess('planning', { DATABASE_URL: testDatabaseUrl() });
    this.server = createServer((request, response) => {
      void this.handle(request, response.writeHead.bind(response), response.end.bind(response));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  /** Lets held requests go (their client has given up by then; the answer goes nowhere). */
  releaseHeld(): void {
    this.held.splice(0).forEach((release) => release());
  }

  async stop(): Promise<void> {
    this.releaseHeld();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    await this.planning?.stop();
  }

  private async handle(
    request: IncomingMessage,
    writeHead: (status: number, headers: Record<string, string>) => unknown,
    end: (body: Buffer) => unknown,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    this.requests++;
    await this.onArrival?.();
    if (this.mode === 'cut') {
      request.socket.destroy();
      return;
    }
    if (this.mode === 'hold') await new Promise<void>((release) => this.held.push(release));
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        (entry): entry is [string, string] =>
          typeof entry[1] === 'string' && !['host', 'connection', 'content-length'].includes(entry[0]),
      ),
    );
    try {
      const upstream = await fetch(this.planning?.url ?? '', {
        method: 'POST',
        headers,
        body: Buffer.concat(chunks),
      });
      writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      request.socket.destroy();
    }
  }
}

const proxy = new PlanningProxy();
beforeAll(() => proxy.start(), 60_000);
afterAll(() => proxy.stop(), 60_000);

// PLANNING_URL is read when the harness starts (in its beforeAll, after the proxy's).
const harness = useSubgraphHarness(personnelSubgraph, {
  env: {
    get PLANNING_URL() {
      return proxy.url;
    },
  },
});
const planning = usePlanningFactory();

afterEach(() => {
  proxy.mode = 'forward';
  proxy.onArrival = null;
  proxy.releaseHeld();
});

const decisionNumber = () => `${randomInt(1, 10 ** 9)}-QĐ/TU`;

/**
 * A batch whose first row locks a cadre (a secondment, which asks planning nothing) and whose
 * second and third rows ask planning (a first appointment: rule 8; a rotation: rule 11).
 */
async function batch() {
  const db = harness.subgraph.dataSource;
  const [unit, otherUnit, title] = [await createOrgUnit(db), await createOrgUnit(db), await createTitle(db)];
  const seconded = await cadreBorn(harness, '1984-05-06', Sex.MALE, unit.id);
  const planned = await cadreBorn(harness, '1982-04-02', Sex.MALE, unit.id);
  await planning().approvedEntry(planned.id, title.id, { startYear: 2010, endYear: 2035 });
  const common = {
    signedOn: '2021-03-10',
    effectiveOn: '2021-03-15',
    signingAuthority: 'Ban Thường vụ Tỉnh ủy',
    legalBasis: 'Quy định 80-QĐ/TW (2022)',
    subject: 'Điều động, bổ nhiệm cán bộ',
  };
  const rows = [
    {
      ...common,
      row: 1,
      personalIdNumber: seconded.personalIdNumber,
      event: 'SECONDMENT',
      orgUnitCode: otherUnit.code,
      purpose: 'Tăng cường cơ sở',
      plannedEndOn: '2022-03-15',
      decisionNumber: decisionNumber(),
    },
    {
      ...common,
      row: 2,
      personalIdNumber: planned.personalIdNumber,
      event: 'FIRST',
      titleCode: title.code,
      orgUnitCode: unit.code,
      decisionNumber: decisionNumber(),
    },
    {
      ...common,
      row: 3,
      personalIdNumber: planned.personalIdNumber,
      event: 'ROTATION',
      orgUnitCode: otherUnit.code,
      purpose: 'Đào tạo, rèn luyện',
      plannedEndOn: '2024-09-15',
      decisionNumber: decisionNumber(),
    },
  ];
  return { rows, seconded, planned };
}

/** The batch's answer when planning cannot answer: its first appointment and its rotation, whole rows. */
const REFUSED_WITHOUT_PLANNING = ['2:null:PLANNING_CHECK_UNAVAILABLE', '3:null:PLANNING_CHECK_UNAVAILABLE'];

const importRows = (rows: Record<string, unknown>[]) =>
  importBatch(harness, 'importCareerEvents', 'ImportCareerEventsInput', rows, false);

/** The change history and decisions a batch's rows have written. */
const written = async ({ rows, seconded, planned }: Awaited<ReturnType<typeof batch>>) => {
  const [cadreIds, numbers] = [[seconded.id, planned.id], rows.map((r) => r.decisionNumber)];
  return {
    changes: Number(
      (
        await harness.subgraph.dataSource.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM personnel.change_log WHERE cadre_id = ANY($1)`,
          [cadreIds],
        )
      )[0]?.n,
    ),
    decisions: Number(
      (
        await harness.subgraph.dataSource.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM personnel.decision WHERE number = ANY($1)`,
          [numbers],
        )
      )[0]?.n,
    ),
  };
};

/** Whether another transaction can lock the cadre's row at once (nobody holds it). */
async function cadreRowFree(cadreId: string): Promise<boolean> {
  const runner = harness.subgraph.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(`SELECT 1 FROM personnel.cadre WHERE id = $1 FOR UPDATE NOWAIT`, [cadreId]);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') return false;
    throw error;
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

it('asks planning once for the whole batch, before the transaction, and imports', async () => {
  const setup = await batch();
  const { rows } = setup;
  const before = proxy.requests;
  expect(await importRows(rows)).toMatchObject({ committed: true, created: 3, problems: [] });
  // Rule 8's and rule 11's questions travel together: one request for the batch.
  expect(proxy.requests - before).toBe(1);
  expect(await written(setup)).toEqual({
    changes: 3,
    decisions: 3,
  });
});

it('a slow planning holds no lock of personnel’s: nothing is open while it answers, and a late answer writes nothing', async () => {
  const setup = await batch();
  const { rows, seconded, planned } = setup;
  proxy.mode = 'hold';
  // Whenever planning is asked, the secondment's cadre (row 1's, locked by its row) and the
  // appointee must be free: no transaction of the batch is open while planning is waited on.
  const free: boolean[] = [];
  proxy.onArrival = async () => {
    free.push((await cadreRowFree(seconded.id)) && (await cadreRowFree(planned.id)));
  };
  // Planning never answers in time (the client's deadline): the rows needing it are refused, the batch writes nothing.
  const result = await importRows(rows);
  expect(free.length).toBeGreaterThan(0);
  expect(free.every(Boolean)).toBe(true);
  expect(result.committed).toBe(false);
  expect(problemKeys(result)).toEqual(REFUSED_WITHOUT_PLANNING);
  expect(await written(setup)).toEqual({
    changes: 0,
    decisions: 0,
  });
}, 30_000);

it('a planning that is down refuses the rows that need it, and the batch writes nothing; once back, the same file imports', async () => {
  const setup = await batch();
  const { rows } = setup;
  proxy.mode = 'cut';
  const result = await importRows(rows);
  expect(result.committed).toBe(false);
  expect(problemKeys(result)).toEqual(REFUSED_WITHOUT_PLANNING);
  expect(await written(setup)).toEqual({ changes: 0, decisions: 0 });

  proxy.mode = 'forward';
  expect(await importRows(rows)).toMatchObject({ committed: true, created: 3 });
  expect(await written(setup)).toEqual({ changes: 3, decisions: 3 });
});
