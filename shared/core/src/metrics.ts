/**
 * Prometheus metrics (prom-client) shared by every service: the registry, the default process
 * metrics (event-loop lag, memory, CPU, GC, handles), the per-operation request metrics, and a
 * `/metrics` endpoint on a port of its own (`METRICS_PORT`), so that scraping is never reachable
 * where the API is public. Each service adds its own series (gateway/src/metrics.ts,
 * subgraph-kit/src/metrics.ts) to the same registry.
 *
 * On the hot path only counters and histograms are touched (an increment, an observe); labels are
 * the operation's name, never anything per field or per entity.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Histogram, register, type Registry } from 'prom-client';
import { annotateOperationSpan } from './trace-attributes';

/** Seconds: from a cached reference read (≈1 ms) to a subgraph call at its deadline (30 s). */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

let defaultsCollected = false;

/**
 * Names this process's series `service` and starts the default metrics (once per process). The
 * default metrics' event-loop lag comes from a histogram Node keeps (perf_hooks), not a timer per tick.
 */
export function initMetrics(service: string, registry: Registry = register): Registry {
  registry.setDefaultLabels({ service });
  if (!defaultsCollected) {
    defaultsCollected = true;
    collectDefaultMetrics({ register: registry });
  }
  return registry;
}

/**
 * Label values a client chooses (operation names) are kept to the first `limit` distinct ones;
 * later ones count as `other`. A client inventing a new operation name per request would otherwise
 * grow the registry without bound: a memory leak, and a scrape that gets slower every minute.
 */
export class BoundedLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly limit = 200) {}

  label(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.limit) return 'other';
    this.seen.add(value);
    return value;
  }
}

const requestDuration = new Histogram({
  name: 'cadres_graphql_request_duration_seconds',
  help: 'GraphQL operations served, by operation name and outcome (ok, or error when the answer carries errors): rate, errors and duration',
  labelNames: ['operation', 'outcome'],
  buckets: DURATION_BUCKETS,
});
const operationErrors = new Counter({
  name: 'cadres_graphql_errors_total',
  help: 'Errors in GraphQL answers, by operation name and error code (extensions.code)',
  labelNames: ['operation', 'code'],
});

/**
 * The operation as a label: its name, `anonymous` without one, `invalid` when it never resolved
 * (unparsable, invalid, unknown operation name), `other` past the limit of distinct names.
 */
const operationNames = new BoundedLabels();
const errorCodes = new BoundedLabels(100);

/**
 * Apollo plugin: every operation's duration (from the request's arrival in Apollo to its answer)
 * and outcome, its errors by code, and its name and type on the request's trace span.
 */
export function operationMetricsPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let operation = 'invalid';
      let failed = false;
      return {
        async didResolveOperation({ operationName, operation: definition }) {
          operation = operationNames.label(operationName ?? 'anonymous');
          annotateOperationSpan(operationName ?? 'anonymous', definition?.operation);
        },
        async didEncounterErrors({ errors }) {
          failed = true;
          for (const error of errors) {
            const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
            operationErrors.inc({ operation, code: errorCodes.label(code) });
          }
        },
        async willSendResponse() {
          requestDuration.observe(
            { operation, outcome: failed ? 'error' : 'ok' },
            Number(process.hrtime.bigint() - started) / 1e9,
          );
        },
      };
    },
  };
}

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * `GET /metrics` (Prometheus text format) on `port`, a listener of its own beside the service's.
 * `collect` defaults to this process's registry; a clustered gateway's primary passes the
 * aggregate of its workers.
 */
export function serveMetrics(
  port: number,
  host = '0.0.0.0',
  collect: () => Promise<{ contentType: string; body: string }> = registryText(register),
): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    collect().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.unref();
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

export function registryText(registry: Registry): () => Promise<{ contentType: string; body: string }> {
  return async () => ({ contentType: registry.contentType, body: await registry.metrics() });
}
