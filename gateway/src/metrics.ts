/**
 * The gateway's own series (beside core's per-operation ones and the default process metrics):
 * every subgraph call's latency and outcome, how many operations each entity call carried
 * (entity-batching.ts), and the calls never sent because an identical one was in flight
 * (coalesce.ts). Plus the trace side of batching: a batched call belongs to one trace, and links
 * to the others.
 */
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { context, trace, type Link, type SpanContext } from '@opentelemetry/api';
import { DURATION_BUCKETS } from '@cadres/core';
import { Counter, Histogram } from 'prom-client';
import { CallAbandonedError, SubgraphTimeoutError } from './subgraph-call-signal';
import { SignatureRefusedError } from './request-signing';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

const subgraphCalls = new Histogram({
  name: 'cadres_subgraph_call_duration_seconds',
  help: 'Calls the gateway sent to a subgraph, by subgraph and outcome (ok, http_error, timeout, unavailable, refused, abandoned), answer body included',
  labelNames: ['subgraph', 'outcome'],
  buckets: DURATION_BUCKETS,
});
const entityBatchFetches = new Histogram({
  name: 'cadres_entity_batch_fetches',
  help: 'Entity fetches (one per operation) that one _entities call carried, by subgraph: above 1, batching saved calls',
  labelNames: ['subgraph'],
  buckets: [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64],
});
const entityBatchRepresentations = new Histogram({
  name: 'cadres_entity_batch_representations',
  help: 'Representations (entities, before dedup) in one _entities call, by subgraph',
  labelNames: ['subgraph'],
  buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
});
const coalescedCalls = new Counter({
  name: 'cadres_coalesced_calls_total',
  help: 'Subgraph calls not sent because an identical call was in flight (COALESCE_SUBGRAPH_QUERIES), by subgraph',
  labelNames: ['subgraph'],
});

const sharedOperations = new Counter({
  name: 'cadres_shared_operations_total',
  help: 'Client operations answered by an identical one in flight (SHARE_IDENTICAL_OPERATIONS)',
});

/** For operation-sharing.ts: counts a client operation answered by an identical one in flight. */
export function countSharedOperation(): void {
  sharedOperations.inc();
}

/** The subgraph behind each URL the gateway calls (the reverse of `subgraphUrls`). */
function namesByUrl(urls: Record<string, string>): (url: string) => string {
  const names = new Map(Object.entries(urls).map(([name, url]) => [url, name]));
  return (url) => names.get(url) ?? 'unknown';
}

function outcomeOf(error: unknown): string {
  if (error instanceof SubgraphTimeoutError) return 'timeout';
  if (error instanceof CallAbandonedError) return 'abandoned';
  if (error instanceof SignatureRefusedError) return 'refused';
  return 'unavailable';
}

/**
 * Times each call that goes on the wire (it sits below coalescing: a shared call counts once):
 * `ok`, `http_error` (an answer other than 2xx), `timeout` (SUBGRAPH_TIMEOUT_MS), `refused` (401
 * to the gateway's signature), `abandoned` (every client it served went away), `unavailable`
 * (no connection, cut connection).
 */
export function measuredFetcher(fetcher: Fetcher, urls: Record<string, string>): Fetcher {
  const nameOf = namesByUrl(urls);
  return (url, init) => {
    const end = subgraphCalls.startTimer({ subgraph: nameOf(url) });
    return fetcher(url, init).then(
      (response) => {
        end({ outcome: response.ok ? 'ok' : 'http_error' });
        return response;
      },
      (error: unknown) => {
        end({ outcome: outcomeOf(error) });
        throw error;
      },
    );
  };
}

/** For coalesce.ts: counts a call that joined one in flight. */
export function countCoalesced(urls: Record<string, string>): (url: string) => void {
  const nameOf = namesByUrl(urls);
  return (url) => coalescedCalls.inc({ subgraph: nameOf(url) });
}

/** For the data source: one `_entities` call leaving, with how many operations and entities it carries. */
export function recordEntityBatch(subgraph: string, fetches: number, representations: number): void {
  entityBatchFetches.observe({ subgraph }, fetches);
  entityBatchRepresentations.observe({ subgraph }, representations);
}

/**
 * Traces of a batched call. The call is sent once, so its HTTP span and everything the subgraph
 * does for it (resolvers, SQL) belong to one trace: that of the operation whose fetch opened the
 * batch (it is sent from that fetch's async context, as its request id is the one in
 * `x-request-id`). A `gateway.entity_batch` span wraps the call there, linking to the fetch span
 * of every operation it served, so each of their traces is one link away. With tracing off no
 * span is active and this is a plain call.
 */
const callerSpans = new WeakMap<object, SpanContext>();

/** In the operation's own context, before its fetch joins a batch: remembers the fetch's span. */
export function rememberCallerSpan(fetch: object): void {
  const span = trace.getActiveSpan();
  if (span) callerSpans.set(fetch, span.spanContext());
}

export function inBatchSpan<T>(
  subgraph: string,
  fetches: readonly object[],
  requestIds: readonly string[],
  send: () => Promise<T>,
): Promise<T> {
  if (fetches.length < 2 || !trace.getActiveSpan()) return send();
  const links: Link[] = fetches.flatMap((fetch) => {
    const spanContext = callerSpans.get(fetch);
    return spanContext ? [{ context: spanContext }] : [];
  });
  const span = trace.getTracer('cadres-gateway').startSpan('gateway.entity_batch', {
    links,
    attributes: {
      'cadres.subgraph': subgraph,
      'cadres.batch.fetches': fetches.length,
      'cadres.batched_request_ids': [...requestIds],
    },
  });
  return context.with(trace.setSpan(context.active(), span), send).finally(() => span.end());
}
