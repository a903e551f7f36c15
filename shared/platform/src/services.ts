import { GATEWAY, must, SUBGRAPHS, subgraphUrlEnv, type ServicePorts } from '@cadres/core';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from './ports';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export { DEFAULT_PORTS, type ServicePorts } from '@cadres/core';

export interface PlatformOptions {
  databaseUrl: string;
  ports: ServicePorts;
  seedDemoData: boolean;
  /** Extra environment for every service (LOG_LEVEL, NODE_ENV...). */
  env?: NodeJS.ProcessEnv;
  /** Where each service's output goes: this process's (default), nowhere, or `logs` (for tests). */
  stdio?: 'inherit' | 'ignore' | 'pipe';
  readyTimeoutMs?: number;
}

export interface RunningPlatform {
  gatewayUrl: string;
  ports: ServicePorts;
  /** Every line the services printed, when started with `stdio: 'pipe'`. */
  logs: string[];
  /** Each service's process id (benchmarks read the gateway's peak memory from it). */
  pids: Partial<Record<keyof ServicePorts, number>>;
  /** SIGTERM to every service, then waits for each to exit (SIGKILL after a grace period). */
  stop(): Promise<void>;
}

/** A free port on 127.0.0.1 for every service (tests run beside each other and beside `npm start`). */
export async function freePorts(): Promise<ServicePorts> {
  const names = [GATEWAY.name, ...SUBGRAPHS.map(({ name }) => name)];
  const ports = await Promise.all(names.map(() => freePort()));
  return Object.fromEntries(names.map((name, i) => [name, ports[i]])) as ServicePorts;
}

/**
 * Each service runs in its own process group, so a Ctrl-C reaches only the launcher, which then
 * stops the services in order; the IPC channel makes a service stop by itself if the launcher dies.
 */
export function startService(
  entry: string,
  env: NodeJS.ProcessEnv,
  stdio: PlatformOptions['stdio'],
  logs: string[],
): ChildProcess {
  const child = spawn(process.execPath, [join(REPO_ROOT, entry)], {
    env,
    stdio: ['ignore', stdio, stdio, 'ipc'],
    detached: true,
  });
  for (const input of [child.stdout, child.stderr]) {
    if (input) createInterface({ input }).on('line', (line) => logs.push(line));
  }
  return child;
}

export async function waitForHealth(url: string, child: ChildProcess, deadline: number): Promise<void> {
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the service exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
      // A subgraph listens before it is ready (503 while it connects, migrates and seeds).
      last = `${response.status} ${(await response.text()).slice(0, 200)}`;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${url} did not become healthy in time (last answer: ${last})`);
}

export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts the three subgraphs and the gateway as separate processes, exactly as in production, and
 * resolves once each answers its health check. Subgraphs migrate their own schema on start.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const { ports, stdio = 'inherit' } = options;
  const common = { ...process.env, ...options.env };
  const children: ChildProcess[] = [];
  const logs: string[] = [];
  const pids: RunningPlatform['pids'] = {};
  const stop = async () => {
    await Promise.all(children.map((child) => stopChild(child)));
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  const local = ({ name }: { name: keyof ServicePorts }) => `http://127.0.0.1:${ports[name]}/graphql`;
  try {
    for (const { name, directory } of SUBGRAPHS) {
      const env = {
        ...common,
        PORT: String(ports[name]),
        DATABASE_URL: options.databaseUrl,
        SEED_DEMO_DATA: String(options.seedDemoData),
        // Writes that check another subgraph's facts ask it directly: personnel asks planning whether a
        // cadre is in the planning (rule 8); training asks personnel for a nominee's record (rule 4).
        ...subgraphUrlEnv(name, local),
      };
      const child = startService(`${directory}/dist/index.js`, env, stdio, logs);
      children.push(child);
      pids[name] = child.pid;
    }
    await Promise.all(
      SUBGRAPHS.map(({ name }, i) =>
        waitForHealth(`http://127.0.0.1:${ports[name]}/health`, must(children[i], 'one child per subgraph'), deadline),
      ),
    );
    const gateway = startService(
      `${GATEWAY.directory}/dist/index.js`,
      { ...common, PORT: String(ports.gateway), ...subgraphUrlEnv(GATEWAY.name, local) },
      stdio,
      logs,
    );
    children.push(gateway);
    pids.gateway = gateway.pid;
    await waitForHealth(`http://127.0.0.1:${ports.gateway}/health`, gateway, deadline);
  } catch (error) {
    await stop();
    // With the services' output captured, their last words say why (a database refusing, a seed failing).
    if (logs.length && error instanceof Error) error.message += `\n${logs.slice(-15).join('\n')}`;
    throw error;
  }
  return { gatewayUrl: `http://localhost:${ports.gateway}`, ports, logs, pids, stop };
}
