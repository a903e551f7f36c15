/**
 * A small load generator: closed loop (N clients back to back) or open loop (a fixed rate). What a
 * request is belongs to the target: one POST to a gateway, or the replay of every subgraph fetch
 * an operation needs (the floor, see floor.ts); the generator only times it.
 */
import { performance } from 'node:perf_hooks';

export interface RequestSpec {
  body: string;
  headers: Record<string, string>;
}

/** What one request came to: whether it succeeded, and the SQL statements the subgraphs reported. */
export interface Outcome {
  ok: boolean;
  sql: number | null;
}

/** Sends the target's next request. */
export type Send = () => Promise<Outcome>;

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  /** Mean SQL statements per request, when the target reports them (x-sql-statements). */
  sqlPerRequest: number | null;
}

type Sample = Outcome & { ms: number };

/** One GraphQL POST; an answer with `errors` counts as failed, as a client would count it. */
export async function postGraphQL(url: string, { body, headers }: RequestSpec): Promise<Outcome> {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
  const payload = (await response.json()) as { errors?: unknown[] };
  const sql = response.headers.get('x-sql-statements');
  return { ok: response.ok && !payload.errors, sql: sql === null ? null : Number(sql) };
}

/** A target that is one GraphQL endpoint: each request is the next body of the sequence, POSTed. */
export const graphQLTarget =
  (url: string, next: () => Promise<RequestSpec>): Send =>
  async () =>
    postGraphQL(url, await next());

async function timed(send: Send): Promise<Sample> {
  const started = performance.now();
  try {
    return { ...(await send()), ms: performance.now() - started };
  } catch {
    return { ok: false, sql: null, ms: performance.now() - started };
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summarise(samples: Sample[], seconds: number): LoadResult {
  const latencies = samples.map((s) => s.ms).sort((a, b) => a - b);
  const sql = samples.filter((s) => s.sql !== null);
  return {
    requests: samples.length,
    errors: samples.filter((s) => !s.ok).length,
    seconds,
    throughput: samples.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    sqlPerRequest: sql.length ? sql.reduce((sum, s) => sum + (s.sql ?? 0), 0) / sql.length : null,
  };
}

/** `concurrency` clients each sending the next request as soon as the previous answers. */
export async function closedLoop(send: Send, concurrency: number, seconds: number): Promise<LoadResult> {
  const samples: Sample[] = [];
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) samples.push(await timed(send));
    }),
  );
  return summarise(samples, (performance.now() - started) / 1000);
}

/** Requests started at a fixed rate whatever the latency, as independent users would send them. */
export async function openLoop(send: Send, perSecond: number, seconds: number): Promise<LoadResult> {
  const pending: Promise<Sample>[] = [];
  const started = performance.now();
  const total = Math.round(perSecond * seconds);
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(timed(send));
  }
  const samples = await Promise.all(pending);
  return summarise(samples, (performance.now() - started) / 1000);
}
