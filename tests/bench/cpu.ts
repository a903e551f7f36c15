/**
 * CPU time per request, by process: on a machine others share, throughput and latency measure the
 * neighbours as much as the platform, while the CPU a process spends on a request moves much less.
 * Read from the kernel (`/proc/<pid>/stat`: user + system time), for a process and its live
 * descendants (a gateway's node:cluster workers), and for the PostgreSQL backends connected to one
 * database (found in `pg_stat_activity`; PostgreSQL's own background processes, shared by every
 * database on the server, are not counted). Peak memory too, from the same place.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Client } from 'pg';

const TICKS_PER_SECOND = 100; // Linux USER_HZ: /proc/<pid>/stat counts CPU time in these.

/** User + system CPU milliseconds a process has used so far; 0 once it is gone. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: fields are counted after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function children(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** Every live process of a tree, the root first. */
export function processTree(pid: number): number[] {
  return [pid, ...children(pid).flatMap(processTree)];
}

/** Peak resident memory of a process tree (a gateway and its workers), from the kernel's high-water marks. */
export function peakMemoryMb(pid: number | undefined): number | null {
  if (!pid) return null;
  return processTree(pid).reduce((sum, p) => {
    try {
      return sum + Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    } catch {
      return sum;
    }
  }, 0);
}

/** A reading of the CPU each process had used, by pid, grouped under a name. */
export type CpuReading = Map<string, Map<number, number>>;

/** Per group (a service's process tree, or PostgreSQL's backends), CPU milliseconds used so far, per pid. */
export async function readCpu(
  trees: Record<string, number | undefined>,
  postgres?: { client: Client; database: string },
): Promise<CpuReading> {
  const reading: CpuReading = new Map();
  for (const [name, pid] of Object.entries(trees)) {
    if (pid) reading.set(name, new Map(processTree(pid).map((p) => [p, processCpuMs(p)])));
  }
  if (postgres) {
    // The bench's own connection (this reading's) is not the platform's work.
    const { rows } = await postgres.client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      [postgres.database],
    );
    reading.set('PostgreSQL', new Map(rows.map(({ pid }) => [pid, processCpuMs(pid)])));
  }
  return reading;
}

/**
 * CPU milliseconds each group spent between two readings, divided by `requests`. A process that
 * started in between counts from zero; one that ended in between (a pooled connection closed)
 * loses what it spent since the first reading, so the figure can only be low, never inflated.
 */
export function cpuPerRequest(before: CpuReading, after: CpuReading, requests: number): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [group, pids] of after) {
    let spent = 0;
    for (const [pid, ms] of pids) spent += Math.max(0, ms - (before.get(group)?.get(pid) ?? 0));
    result[group] = requests > 0 ? spent / requests : NaN;
  }
  return result;
}
