/**
 * Fault injection for the e2e tier: stopping and restarting a real service process, a real gateway
 * process of one's own, and a proxy in front of a real subgraph that can make it fail the ways a
 * subgraph fails on the wire (an error status, garbage, a dropped connection, a stall).
 */
import { subgraphService, subgraphUrlEnv, type SubgraphName } from '@cadres/core';
import { freePort, startService, waitForHealth, type ServicePorts } from '@cadres/platform';
import type { ChildProcess } from 'node:child_process';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { E2EPlatform } from './platform';
import { waitFor } from './wait';

export { waitFor } from './wait';

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Kills a subgraph of the platform outright (SIGKILL: no graceful stop, as in a crash). */
export async function killService(platform: E2EPlatform, name: keyof ServicePorts): Promise<void> {
  const pid = platform.pids[name]!;
  process.kill(pid, 'SIGKILL');
  await waitFor(`${name} to die`, () => (isAlive(pid) ? undefined : true));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a subgraph again on its port, as the platform started it (its database is ready). */
export async function restartSubgraph(
  platform: E2EPlatform,
  name: SubgraphName,
  env: NodeJS.ProcessEnv = {},
): Promise<ChildProcess> {
  const { ports } = platform;
  const child = startService(
    `${subgraphService(name).directory}/dist/index.js`,
    {
      ...process.env,
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      ...env,
      PORT: String(ports[name]),
      DATABASE_URL: platform.databaseUrl,
      SEED_DEMO_DATA: 'false',
      ...subgraphUrlEnv(name, (callee) => `http://127.0.0.1:${ports[callee.name]}/graphql`),
    },
    'pipe',
    platform.logs,
  );
  platform.pids[name] = child.pid;
  await waitForHealth(`http://127.0.0.1:${ports[name]}/health`, child, Date.now() + 100_000);
  return child;
}

export interface GatewayProcess {
  child: ChildProcess;
  port: number;
  url: string;
  logs: string[];
}

/** A gateway process of the test's own, on the platform's subgraphs unless `env` points elsewhere. */
export async function startGateway(platform: E2EPlatform, env: NodeJS.ProcessEnv): Promise<GatewayProcess> {
  const port = await freePort();
  const { ports } = platform;
  const logs: string[] = [];
  const child = startService(
    'gateway/dist/index.js',
    {
      ...process.env,
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      PORT: String(port),
      PERSONNEL_URL: `http://127.0.0.1:${ports.personnel}/graphql`,
      TRAINING_URL: `http://127.0.0.1:${ports.training}/graphql`,
      PLANNING_URL: `http://127.0.0.1:${ports.planning}/graphql`,
      ...env,
    },
    'pipe',
    logs,
  );
  await waitForHealth(`http://127.0.0.1:${port}/health/live`, child, Date.now() + 100_000);
  return { child, port, url: `http://127.0.0.1:${port}`, logs };
}

export type ProxyMode =
  /** Forwards every call to the real subgraph. */
  | 'pass'
  /** Answers 503 with a body that names internals (it must never reach a client). */
  | 'status-503'
  /** Answers 401 as a subgraph refusing an expired identity header does, internal URL included. */
  | 'status-401'
  /** Answers 200 with an HTML page. */
  | 'garbage'
  /** Answers 200 with JSON of the wrong shape. */
  | 'wrong-shape'
  /** Reads the call, then closes the connection without a word (a process dying mid-call). */
  | 'drop'
  /** Holds every call until `release()`, then forwards it. */
  | 'hold';

export interface HeldCall {
  body: string;
  /** True once the gateway closed the connection (it aborted the call). */
  abandoned: boolean;
}

/** Words of the proxy's own failure answers: a client seeing any of them was shown internals. */
export const PROXY_INTERNALS =
  /internal-detail|Unauthorized|Service Unavailable|<html|127\.0\.0\.1|localhost|http:\/\//i;

/** An HTTP proxy in front of a real subgraph, failing on demand. */
export class FaultProxy {
  mode: ProxyMode = 'pass';
  /** Every call received, in order. */
  readonly calls: string[] = [];
  readonly held: HeldCall[] = [];
  private waiting: (() => void)[] = [];
  private server!: Server;
  port = 0;

  constructor(private readonly target: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const go of waiting) go();
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    this.calls.push(body);
    const internals = { error: 'internal-detail', url: `${this.target}`, at: 'subgraph.js:12:34' };
    switch (this.mode) {
      case 'status-503':
        return void res
          .writeHead(503, 'Service Unavailable', { 'content-type': 'application/json' })
          .end(JSON.stringify(internals));
      case 'status-401':
        return void res
          .writeHead(401, 'Unauthorized', { 'content-type': 'application/json' })
          .end(JSON.stringify({ errors: [{ message: 'The identity header expired', extensions: internals }] }));
      case 'garbage':
        return void res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(`<html><body>internal-detail ${this.target}</body></html>`);
      case 'wrong-shape':
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ data: { _entities: [] }, internals }));
      case 'drop':
        return void req.socket.destroy();
      case 'hold': {
        const call: HeldCall = { body, abandoned: false };
        this.held.push(call);
        res.once('close', () => (call.abandoned = !res.writableFinished));
        await new Promise<void>((resolve) => this.waiting.push(resolve));
        if (call.abandoned) return;
        return this.forward(req, body, res);
      }
      default:
        return this.forward(req, body, res);
    }
  }

  private forward(req: IncomingMessage, body: string, res: ServerResponse): void {
    const { host: _host, connection: _connection, ...headers } = req.headers;
    const outgoing = request(this.target, { method: 'POST', headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    outgoing.on('error', () => res.destroy());
    outgoing.end(body);
  }
}

export type Outcome = 'full' | 'partial' | 'failed';

/**
 * Closed-loop load while a fault happens: `concurrency` loops each send one request after the
 * other, counting what each answer was, until stopped. Bounded by the test that stops it.
 */
export function steadyLoad(send: () => Promise<Outcome>, concurrency = 2) {
  const counts: Record<Outcome, number> = { full: 0, partial: 0, failed: 0 };
  let running = true;
  const loops = Array.from({ length: concurrency }, async () => {
    while (running) counts[await send().catch((): Outcome => 'failed')] += 1;
  });
  return {
    counts,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return counts;
    },
  };
}
