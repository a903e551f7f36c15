/**
 * Traces and metrics of the real processes. The platform exports its spans over OTLP/HTTP (JSON)
 * to a receiver this test runs, as it would to a collector, and serves Prometheus metrics on ports
 * of their own (METRICS_PORT=0: each service picks a free one and logs it).
 */
import { demoKeys, must } from '@cadres/core';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { startE2EPlatform, type E2EPlatform } from '../support/platform';
import { DOSSIER } from '../support/queries';
import { waitFor } from '../support/wait';

/** A span as OTLP's JSON encoding carries it (ids in hex), with its service. */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  attributes: Record<string, unknown>;
  links: { traceId: string; spanId: string }[];
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
  arrayValue?: { values?: OtlpValue[] };
}
type OtlpAttributes = { key: string; value: OtlpValue }[] | undefined;

function valueOf(value: OtlpValue): unknown {
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(valueOf);
  return value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue;
}
function attributesOf(attributes: OtlpAttributes): Record<string, unknown> {
  return Object.fromEntries((attributes ?? []).map(({ key, value }) => [key, valueOf(value)]));
}

/** An OTLP/HTTP receiver for `/v1/traces` in JSON (OTEL_EXPORTER_OTLP_PROTOCOL=http/json). */
function startOtlpReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url !== '/v1/traces' || !String(req.headers['content-type']).includes('json'))
        return void res.writeHead(415).end();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans?: {
          resource?: { attributes?: OtlpAttributes };
          scopeSpans?: {
            spans?: {
              traceId: string;
              spanId: string;
              parentSpanId?: string;
              name: string;
              attributes?: OtlpAttributes;
              links?: { traceId: string; spanId: string }[];
            }[];
          }[];
        }[];
      };
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({
              service,
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? '',
              name: span.name,
              attributes: attributesOf(span.attributes),
              links: span.links ?? [],
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        spans,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

/** Each service's metrics port, from the line it logs when it starts listening there. */
function metricsPorts(logs: string[]): Record<string, number> {
  const ports: Record<string, number> = {};
  for (const line of logs) {
    if (!line.includes('metrics at /metrics')) continue;
    const entry = JSON.parse(line) as { service: string; port: number };
    ports[entry.service] = entry.port;
  }
  return ports;
}

/** One scrape: every sample by its series (`name{labels}`, as Prometheus prints it, service label included). */
async function scrape(port: number | undefined): Promise<Map<string, number>> {
  if (port === undefined) throw new Error('the service logged no metrics port');
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

/** The sum over every series of `name` whose labels include all of `labels`. */
function total(samples: Map<string, number>, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const [series, value] of samples) {
    const brace = series.indexOf('{');
    if ((brace < 0 ? series : series.slice(0, brace)) !== name) continue;
    if (Object.entries(labels).every(([key, wanted]) => series.includes(`${key}="${wanted}"`))) sum += value;
  }
  return sum;
}

/** A SQL statement's span (instrumentation-pg, stable database conventions). */
function isSql(span: ReceivedSpan): boolean {
  return span.name.startsWith('pg.query') && span.attributes['db.system.name'] === 'postgresql';
}

function has(samples: Map<string, number>, name: string, labels: Record<string, string>): boolean {
  return [...samples.keys()].some(
    (series) =>
      series.startsWith(`${name}{`) &&
      Object.entries(labels).every(([key, wanted]) => series.includes(`${key}="${wanted}"`)),
  );
}

const SUBGRAPHS = ['personnel', 'training', 'planning'];
const SERVICES = ['gateway', ...SUBGRAPHS];

let platform: E2EPlatform;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  platform = await startE2EPlatform({
    env: {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      // Spans leave within a tenth of a second, not the default five.
      OTEL_BSP_SCHEDULE_DELAY: '100',
      METRICS_PORT: '0',
      METRICS_HOST: '127.0.0.1',
    },
  });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  await receiver?.close();
});

describe('traces', () => {
  it("one dossier is one trace, continuing the client's traceparent, through the gateway, the three subgraphs, their resolvers and their SQL", async () => {
    const traceId = randomBytes(16).toString('hex');
    const clientSpanId = randomBytes(8).toString('hex');
    const requestId = `trace-test-${Date.now()}`;
    const result = await platform.query(DOSSIER, { id: demoKeys.cadreId(1) }, undefined, {
      traceparent: `00-${traceId}-${clientSpanId}-01`,
      'x-request-id': requestId,
    });
    expect(result.body.errors).toBeUndefined();

    // Every service's spans of this trace, SQL included, have arrived.
    const spans = await waitFor("the dossier's spans", () => {
      const inTrace = receiver.spans.filter((span) => span.traceId === traceId);
      const withSql = new Set(inTrace.filter(isSql).map((span) => span.service));
      // Spans are exported as they end, children before their parents: wait for the whole tree.
      const ids = new Set(inTrace.map((span) => span.spanId));
      const whole = inTrace.every((span) => span.parentSpanId === clientSpanId || ids.has(span.parentSpanId));
      return whole &&
        SUBGRAPHS.every((name) => withSql.has(name)) &&
        inTrace.some((s) => s.service === 'gateway' && s.parentSpanId === clientSpanId)
        ? inTrace
        : undefined;
    }).catch((error: Error) => {
      const summary = receiver.spans
        .filter((span) => span.traceId === traceId)
        .map(
          (span) =>
            `${span.service} ${span.traceId === traceId ? 'IN' : span.traceId.slice(0, 6)} ${span.name} ${span.parentSpanId} ${JSON.stringify(span.attributes).slice(0, 150)}`,
        );
      throw new Error(`${error.message}: ${receiver.spans.length} spans\n${summary.slice(0, 80).join('\n')}`);
    });
    expect(new Set(spans.map((span) => span.service))).toEqual(new Set(SERVICES));

    // One tree: the gateway's server span is the client's child, every other span has its parent in the trace.
    const ids = new Set(spans.map((span) => span.spanId));
    const roots = spans.filter((span) => !ids.has(span.parentSpanId));
    expect(roots.map((span) => [span.service, span.parentSpanId])).toEqual([['gateway', clientSpanId]]);

    // The request id and the operation on each service's request span; resolvers and SQL in each subgraph.
    const gatewayServer = roots[0];
    expect(gatewayServer?.attributes).toMatchObject({
      'cadres.request_id': requestId,
      'graphql.operation.name': 'Dossier',
      'graphql.operation.type': 'query',
    });
    for (const name of SUBGRAPHS) {
      const own = spans.filter((span) => span.service === name);
      const servers = own.filter((span) => span.attributes['cadres.request_id'] === requestId);
      expect(servers.length).toBeGreaterThan(0);
      expect(
        servers.every((span) => String(span.attributes['graphql.operation.name']).startsWith(`Dossier__${name}__`)),
      ).toBe(true);
      expect(own.some((span) => span.name.startsWith('graphql.resolve'))).toBe(true);
      // Statement texts without their parameters (classified personal data).
      const sql = own.filter(isSql);
      expect(sql.length).toBeGreaterThan(0);
      expect(sql.every((span) => typeof span.attributes['db.query.text'] === 'string')).toBe(true);
      expect(
        sql
          .flatMap((span) => Object.keys(span.attributes))
          .filter((key) => key.startsWith('db.query.parameter') || key === 'db.postgresql.values'),
      ).toEqual([]);
    }
    // The gateway's calls to each subgraph are spans of the gateway (the subgraphs' server spans' parents).
    const gatewaySpanIds = new Set(spans.filter((span) => span.service === 'gateway').map((span) => span.spanId));
    for (const name of SUBGRAPHS) {
      expect(spans.some((span) => span.service === name && gatewaySpanIds.has(span.parentSpanId))).toBe(true);
    }
  });

  it('a batched entity call is in the trace of the operation that opened the batch, and links to the others', async () => {
    // Identical dossiers at once: their root calls share one call (coalescing), so their entity
    // fetches are ready in the same event-loop turn and leave as one batched call. Each document
    // ends with a comment of its own, so that the gateway executes each (identical requests in
    // flight would be answered by one execution, SHARE_IDENTICAL_OPERATIONS) with the same plan.
    const traceIds = Array.from({ length: 8 }, () => randomBytes(16).toString('hex'));
    await Promise.all(
      traceIds.map((traceId, i) =>
        platform.query(`${DOSSIER}\n# client ${i}`, { id: demoKeys.cadreId(2) }, undefined, {
          traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
        }),
      ),
    );
    const batches = await waitFor("the batched call's spans", () => {
      const found = receiver.spans.filter(
        (span) => span.name === 'gateway.entity_batch' && traceIds.includes(span.traceId),
      );
      return found.length ? found : undefined;
    });
    for (const batch of batches) {
      expect(batch.service).toBe('gateway');
      // One link per operation served, its own (the opener's) among them, each in one of the traces.
      expect(batch.links.length).toBe(batch.attributes['cadres.batch.fetches']);
      expect(batch.links.length).toBeGreaterThan(1);
      expect(batch.links.map((link) => link.traceId)).toContain(batch.traceId);
      expect(batch.links.every((link) => traceIds.includes(link.traceId))).toBe(true);
      expect(batch.attributes['cadres.batched_request_ids']).toHaveLength(batch.links.length);
      // The subgraph's work for the batched call is in the opener's trace, under the batch span. The
      // subgraph exports its spans on its own schedule, so they may arrive after the gateway's.
      const call = await waitFor("the batched call's subgraph span", () =>
        receiver.spans.find((span) => span.traceId === batch.traceId && span.parentSpanId === batch.spanId),
      );
      expect(call.traceId).toBe(batch.traceId);
    }
  });
});

describe('metrics', () => {
  it('every service serves /metrics on its own port, and a dossier moves its series', async () => {
    const ports = metricsPorts(platform.logs);
    expect(Object.keys(ports).sort()).toEqual([...SERVICES].sort());
    // The API port does not serve them.
    expect((await fetch(`${platform.gatewayUrl}/metrics`)).status).not.toBe(200);

    // A change notice on titles: personnel reads the table again at its next use. Read a title until
    // the reload counter moves (the notice arrives asynchronously), under another operation name
    // than the dossiers counted below.
    const reloads = async () =>
      total(await scrape(ports.personnel), 'cadres_reference_cache_reloads_total', { table: 'title' });
    const reloadsBefore = await reloads();
    const db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    await db.query("SELECT pg_notify('reference_changed', 'title')");
    await db.end();
    await waitFor('personnel to reload its titles', async () => {
      await platform.query('query TitleProbe($id: ID!) { cadre(id: $id) { currentAssignments { title { name } } } }', {
        id: demoKeys.cadreId(1),
      });
      return (await reloads()) > reloadsBefore;
    });

    const before = Object.fromEntries(
      await Promise.all(SERVICES.map(async (name) => [name, await scrape(ports[name])] as const)),
    );
    const result = await platform.query(DOSSIER, { id: demoKeys.cadreId(1) });
    expect(result.body.errors).toBeUndefined();
    // Identical dossiers at once: their calls are shared (coalesced, or batched into one entity call).
    await Promise.all(Array.from({ length: 8 }, () => platform.query(DOSSIER, { id: demoKeys.cadreId(1) })));
    // A cadre that does not exist: an answer with an error.
    expect((await platform.query(DOSSIER, { id: randomUUID() })).body.errors).toHaveLength(1);
    const after = Object.fromEntries(
      await Promise.all(SERVICES.map(async (name) => [name, await scrape(ports[name])] as const)),
    );
    const scraped = (all: Record<string, Map<string, number>>, service: string) =>
      must(all[service], 'every service scraped');
    const moved = (service: string, name: string, labels: Record<string, string> = {}) =>
      total(scraped(after, service), name, labels) - total(scraped(before, service), name, labels);

    // Per operation: rate and duration (the histogram's count and sum), errors by code. Identical
    // operations in flight may be answered by one execution (SHARE_IDENTICAL_OPERATIONS): the
    // histogram counts executions, cadres_shared_operations_total the requests answered by another's.
    expect(
      moved('gateway', 'cadres_graphql_request_duration_seconds_count', { operation: 'Dossier', outcome: 'ok' }) +
        moved('gateway', 'cadres_shared_operations_total'),
    ).toBe(9);
    expect(moved('gateway', 'cadres_graphql_request_duration_seconds_sum', { operation: 'Dossier' })).toBeGreaterThan(
      0,
    );
    expect(
      moved('gateway', 'cadres_graphql_request_duration_seconds_count', { operation: 'Dossier', outcome: 'error' }),
    ).toBe(1);
    expect(moved('gateway', 'cadres_graphql_errors_total', { operation: 'Dossier', code: 'NOT_FOUND' })).toBe(1);
    // Per subgraph call: latency and outcome.
    for (const name of SUBGRAPHS) {
      expect(
        moved('gateway', 'cadres_subgraph_call_duration_seconds_count', { subgraph: name, outcome: 'ok' }),
      ).toBeGreaterThan(0);
    }
    // Entity batches: each entity call observed, with how many operations it carried.
    expect(moved('gateway', 'cadres_entity_batch_fetches_count', { subgraph: 'training' })).toBeGreaterThan(0);
    const shared =
      moved('gateway', 'cadres_shared_operations_total') +
      moved('gateway', 'cadres_coalesced_calls_total') +
      (moved('gateway', 'cadres_entity_batch_fetches_sum') - moved('gateway', 'cadres_entity_batch_fetches_count'));
    expect(shared).toBeGreaterThan(0);

    for (const name of SUBGRAPHS) {
      const operations = [...scraped(after, name).keys()].filter(
        (series) =>
          series.startsWith('cadres_graphql_request_duration_seconds_count') &&
          series.includes(`operation="Dossier__${name}__`),
      );
      expect(operations.length).toBeGreaterThan(0);
      expect(moved(name, 'cadres_graphql_request_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThan(0);
      expect(moved(name, 'cadres_sql_statements_per_operation_count')).toBeGreaterThan(0);
      expect(moved(name, 'cadres_sql_statements_per_operation_sum')).toBeGreaterThan(0);
      // The pool, read at scrape time.
      expect(
        total(scraped(after, name), 'cadres_db_pool_connections', { state: 'idle' }) +
          total(scraped(after, name), 'cadres_db_pool_connections', { state: 'in_use' }),
      ).toBeGreaterThan(0);
      expect(
        has(scraped(after, name), 'cadres_db_pool_connections', { schema: name, state: 'waiting', service: name }),
      ).toBe(true);
      expect(total(scraped(after, name), 'cadres_reference_cache_listening')).toBe(1);
    }
    expect(
      total(scraped(after, 'personnel'), 'cadres_reference_cache_reloads_total', { table: 'title' }),
    ).toBeGreaterThan(reloadsBefore);

    // Default process metrics on every service: event-loop lag and memory.
    for (const name of SERVICES) {
      expect(has(scraped(after, name), 'nodejs_eventloop_lag_p99_seconds', { service: name })).toBe(true);
      expect(total(scraped(after, name), 'process_resident_memory_bytes')).toBeGreaterThan(0);
    }
  });
});
