/**
 * What the other gateways of the benchmark (stock @apollo/gateway, Hive Gateway) share: where the
 * supergraph and the subgraphs are, the identity they forward, and their worker processes.
 */
import {
  DEV_INTERNAL_SIGNING_SECRET,
  GATEWAY,
  IDENTITY_HEADER,
  REQUEST_SIGNATURE_HEADER,
  Role,
  signIdentity,
  signRequest,
  SUBGRAPHS,
  subgraphUrlEnv as urlEnv,
  type ServicePorts,
} from '@cadres/core';
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export { IDENTITY_HEADER };

/** The supergraph our gateway serves, composed at build time. */
export const readSupergraph = (): string =>
  readFileSync(join(__dirname, '..', '..', '..', 'gateway', 'supergraph.graphql'), 'utf8');

/** The subgraph URLs the bench started, by subgraph name (the supergraph's URLs are the default ports). */
export function subgraphUrls(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const urls = Object.fromEntries(SUBGRAPHS.map(({ name, urlVariable }) => [name, env[urlVariable]]));
  for (const [name, url] of Object.entries(urls)) if (!url) throw new Error(`no URL for the ${name} subgraph`);
  return urls as Record<string, string>;
}

/** The environment that gives a gateway process the subgraph URLs `subgraphUrls` reads. */
export const subgraphUrlEnv = (ports: ServicePorts): NodeJS.ProcessEnv =>
  urlEnv(GATEWAY.name, ({ name }) => `http://127.0.0.1:${ports[name]}/graphql`);

/**
 * A credential signed again once it is `renewAfterMs` old, so that a run longer than a credential
 * lives (the national benchmark takes a quarter of an hour) never sends an expired one, and a
 * short one signs it once.
 */
export function renewing(sign: () => Promise<string>, renewAfterMs: number): () => Promise<string> {
  let current: { credential: Promise<string>; at: number } | undefined;
  return () => {
    if (!current || Date.now() - current.at > renewAfterMs) {
      const signing = { credential: sign(), at: Date.now() };
      // A failed signature is not kept for the whole window: the next request signs again.
      signing.credential.catch(() => current === signing && (current = undefined));
      current = signing;
    }
    return current.credential;
  };
}

/**
 * A fresh signed ADMIN identity, without which the subgraphs refuse every request. One fixed
 * identity, signed per subgraph fetch: cheaper than our gateway, which verifies each client's
 * token and signs that client's identity.
 */
export function signBenchIdentity(subject: string): Promise<string> {
  return signIdentity({ subject, role: Role.ADMIN, agency: null, scopes: [], units: null }, signingSecret());
}

const signingSecret = () => process.env.INTERNAL_SIGNING_SECRET ?? DEV_INTERNAL_SIGNING_SECRET;

/**
 * The headers a subgraph call of the bench needs besides its own: `identity`, and the signature of
 * this very request (the subgraph named `audience`, the URL's path, the body as sent), made now as
 * our gateway makes it at send time. Every gateway of the bench pays the same per-call MAC.
 */
export function signedCallHeaders(
  identity: string,
  audience: string,
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Record<string, string> {
  const { pathname, search } = new URL(url);
  const signed: Record<string, string> = { ...headers, [IDENTITY_HEADER]: identity };
  signed[REQUEST_SIGNATURE_HEADER] = signRequest(signingSecret(), {
    audience,
    method: 'POST',
    path: pathname + search,
    headers: signed,
    body,
  });
  return signed;
}

/** The subgraph's name for each URL `subgraphUrls` gives: the audience its calls are signed for. */
export const audiencesByUrl = (urls: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(urls).map(([name, url]) => [url, name]));

/**
 * Runs `serve` (which resolves once it listens) in `WORKERS` processes sharing its port through
 * node:cluster, or in this process when there is one, so every gateway of the benchmark gets as
 * many processes. Tells the bench "ready" over the IPC channel only once every worker listens:
 * a keep-alive connection stays with the worker that accepted it, so load sent earlier would pile
 * onto the first worker up. SIGTERM (or the bench going away) stops the workers, then this process.
 */
export function serveInWorkers(serve: () => Promise<{ stop(): Promise<void> }>): void {
  const workers = Math.max(1, Number(process.env.WORKERS ?? 1));
  const fail = (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  };
  if (cluster.isWorker || workers === 1) {
    serve().then((server) => {
      if (cluster.isPrimary) process.send?.('ready');
      const stop = () => void server.stop().then(() => process.exit(0), fail);
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      if (cluster.isPrimary) process.once('disconnect', stop);
    }, fail);
    return;
  }
  let listening = 0;
  let running = workers;
  let stopping = false;
  cluster.on('listening', () => {
    if (++listening === workers) process.send?.('ready');
  });
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) fail(new Error(`gateway worker ${worker.process.pid} exited (${signal ?? code})`));
    if (--running === 0) process.exit(0);
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
  for (let i = 0; i < workers; i++) cluster.fork();
}
