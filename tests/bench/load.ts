/** A small HTTP load generator: closed loop (N clients back to back) or open loop (a fixed rate). */
import { performance } from 'node:perf_hooks';

export interface RequestSpec {
  body: string;
  headers: Record<string, string>;
}

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

type Sample = { ms: number; ok: boolean; sql: number | null };

async function send(url: string, next: () => RequestSpec): Promise<Sample> {
  const { body, headers } = next();
  const started = performance.now();
  try {
    const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    const payload = (await response.json()) as { errors?: unknown[] };
    const sql = response.headers.get('x-sql-statements');
    return { ms: performance.now() - started, ok: response.ok && !payload.errors, sql: sql === null ? null : Number(sql) };
  } catch {
    return { ms: performance.now() - started, ok: false, sql: null };
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
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
export async function closedLoop(url: string, next: () => RequestSpec, concurrency: number, seconds: number): Promise<LoadResult> {
  const samples: Sample[] = [];
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) samples.push(await send(url, next));
    }),
  );
  return summarise(samples, (performance.now() - started) / 1000);
}

/** Requests started at a fixed rate whatever the latency, as independent users would send them. */
export async function openLoop(url: string, next: () => RequestSpec, perSecond: number, seconds: number): Promise<LoadResult> {
  const pending: Promise<Sample>[] = [];
  const started = performance.now();
  const total = Math.round(perSecond * seconds);
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send(url, next));
  }
  const samples = await Promise.all(pending);
  return summarise(samples, (performance.now() - started) / 1000);
}
