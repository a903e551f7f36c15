/**
 * The soak: the platform under a steady mix of reads and writes at a fixed rate for a long time
 * (10 minutes by default), to see what only time shows: memory that only grows, latency that
 * creeps up, errors that start after a while. Every 10 s it samples each process's resident memory
 * and the requests of the interval (count, errors, p50/p99); at the end it prints the intervals
 * and each process's memory slope (a least-squares line through the samples, in MB per minute).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Send } from './load';

export interface SoakOptions {
  /** Requests started per second, whatever the latency (an open loop, as independent users send them). */
  rate: number;
  seconds: number;
  sampleSeconds: number;
  /** The processes whose memory is sampled, by name (a gateway's workers are counted with it). */
  pids: Record<string, number | undefined>;
  /** Sends one request of the mix; `kind` names it in the figures. */
  next: () => { kind: string; send: Send };
  log: (line: string) => void;
}

export interface SoakInterval {
  /** Seconds since the soak began, at the end of the interval. */
  at: number;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  rssMb: Record<string, number>;
}

export interface SoakResult {
  intervals: SoakInterval[];
  requests: number;
  errors: number;
  errorsByKind: Record<string, number>;
  requestsByKind: Record<string, number>;
  /** Least-squares slope of each process's resident memory after the first minute, MB per minute. */
  memorySlopeMbPerMinute: Record<string, number>;
}

/** Resident memory of a process and its children (a gateway's cluster workers), in MB. */
export function residentMb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const own = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean),
    );
    return children.reduce((sum, child) => sum + residentMb(Number(child)), own);
  } catch {
    return NaN; // the process is gone
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN; // NaN: none
}

/** Slope of y over x (minutes), by least squares. */
function slope(points: { x: number; y: number }[]): number {
  const valid = points.filter((p) => Number.isFinite(p.y));
  if (valid.length < 2) return NaN;
  const mx = valid.reduce((s, p) => s + p.x, 0) / valid.length;
  const my = valid.reduce((s, p) => s + p.y, 0) / valid.length;
  const num = valid.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = valid.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? NaN : num / den;
}

export async function soak(options: SoakOptions): Promise<SoakResult> {
  const started = performance.now();
  const intervals: SoakInterval[] = [];
  let bucket: { ms: number; ok: boolean }[] = [];
  const requestsByKind: Record<string, number> = {};
  const errorsByKind: Record<string, number> = {};
  const pending = new Set<Promise<void>>();
  const sample = () => {
    const latencies = bucket.map((s) => s.ms).sort((a, b) => a - b);
    const interval: SoakInterval = {
      at: Math.round((performance.now() - started) / 1000),
      requests: bucket.length,
      errors: bucket.filter((s) => !s.ok).length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      rssMb: Object.fromEntries(Object.entries(options.pids).map(([name, pid]) => [name, residentMb(pid)])),
    };
    bucket = [];
    intervals.push(interval);
    const memory = Object.entries(interval.rssMb)
      .map(([name, mb]) => `${name} ${mb.toFixed(0)}`)
      .join(', ');
    options.log(
      `${String(interval.at).padStart(4)} s: ${interval.requests} requests, ${interval.errors} errors, p50 ${interval.p50.toFixed(1)} ms, p99 ${interval.p99.toFixed(1)} ms; RSS MB ${memory}`,
    );
  };
  intervals.push({
    at: 0,
    requests: 0,
    errors: 0,
    p50: NaN,
    p99: NaN,
    rssMb: Object.fromEntries(Object.entries(options.pids).map(([name, pid]) => [name, residentMb(pid)])),
  });
  const sampler = setInterval(sample, options.sampleSeconds * 1000);

  const total = Math.round(options.rate * options.seconds);
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { kind, send } = options.next();
    requestsByKind[kind] = (requestsByKind[kind] ?? 0) + 1;
    const begun = performance.now();
    const request: Promise<void> = send()
      .then(
        (outcome) => outcome.ok,
        () => false,
      )
      .then((ok) => {
        bucket.push({ ms: performance.now() - begun, ok });
        if (!ok) errorsByKind[kind] = (errorsByKind[kind] ?? 0) + 1;
        pending.delete(request);
      });
    pending.add(request);
  }
  await Promise.all(pending);
  clearInterval(sampler);
  if (bucket.length) sample();

  const measured = intervals.slice(1);
  // The first minute is warm-up (compiled code, query plans, pools and caches filling): the slope
  // is taken from there on, when there is enough of the run after it.
  const steady = intervals.filter((i) => i.at >= 60).length >= 3 ? intervals.filter((i) => i.at >= 60) : intervals;
  const memorySlopeMbPerMinute = Object.fromEntries(
    Object.keys(options.pids).map((name) => [
      name,
      slope(steady.map((i) => ({ x: i.at / 60, y: i.rssMb[name] ?? NaN }))),
    ]),
  );
  return {
    intervals,
    requests: measured.reduce((s, i) => s + i.requests, 0),
    errors: measured.reduce((s, i) => s + i.errors, 0),
    errorsByKind,
    requestsByKind,
    memorySlopeMbPerMinute,
  };
}
