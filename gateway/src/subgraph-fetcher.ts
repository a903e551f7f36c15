import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { SubgraphTimeoutError, takeCallSignal } from './subgraph-call-signal';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** How long an idle keep-alive socket is kept: below the subgraphs' 5 s (Node's default keepAliveTimeout). */
export const IDLE_SOCKET_TIMEOUT_MS = 4_000;

/**
 * The subgraph fetcher: node:http on keep-alive agents. RemoteGraphQLDataSource's default,
 * make-fetch-happen, keeps connections alive too, but a CPU profile put it (with minipass-fetch and
 * agent-base, which builds an Error stack per request to tell http from https) at about a fifth of
 * the gateway's time. Subgraph calls need none of its features (HTTP cache, retries, proxies):
 * a POST of JSON, and the whole answer back.
 */
export function createSubgraphFetcher(timeoutMs = 10_000): Fetcher {
  // Sockets are reused most-recently-first, so idle ones time out instead of all staying warm. An
  // idle socket is closed by us before the server closes it: reusing one the server is closing at
  // that moment fails the request with ECONNRESET. Node's servers keep idle connections 5 s; with a
  // timeout set, Node's agent also honours a shorter `Keep-Alive: timeout=N` (less 1 s).
  const options = { keepAlive: true, scheduling: 'lifo', timeout: IDLE_SOCKET_TIMEOUT_MS } as const;
  const agents = { 'http:': new HttpAgent(options), 'https:': new HttpsAgent(options) };
  return (url, init = {}) =>
    new Promise<FetcherResponse>((resolve, reject) => {
      const target = new URL(url);
      // Taken before the headers are sent: the mark stays inside the gateway.
      const signal = takeCallSignal(init);
      const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
      // Whatever fails the exchange, a deadline or an abandonment that caused it is what the caller sees.
      const fail = (error: unknown) => {
        deadline.clear();
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- node's own error event, passed on as it came
        reject(deadline.cause ?? error);
      };
      const outgoing = request(
        target,
        { method: init.method ?? 'GET', headers: init.headers, agent: agents[target.protocol as keyof typeof agents] },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', fail);
          // A connection cut in the middle of the answer (the subgraph died while writing it).
          incoming.on(
            'close',
            () => incoming.complete || fail(new Error('The connection closed before the end of the answer.')),
          );
          incoming.on('end', () => {
            deadline.clear();
            resolve(
              new BufferedResponse(
                url,
                incoming.statusCode ?? 0,
                incoming.statusMessage ?? '',
                incoming.headers,
                Buffer.concat(chunks),
              ),
            );
          });
        },
      );
      const deadline = callDeadline(timeoutMs, signal, (cause) => outgoing.destroy(cause));
      outgoing.on('error', fail);
      outgoing.end(init.body);
    });
}

/**
 * Calls `abort` when the call's deadline passes or when every operation it serves has gone,
 * whichever comes first, and remembers why. The fetcher then destroys the request, socket
 * included: a late answer must never arrive on a connection that is reused. The deadline covers
 * the whole exchange, answer body included: a subgraph that stalls halfway through answering
 * times out too.
 */
function callDeadline(
  timeoutMs: number,
  signal: AbortSignal | undefined,
  abort: (cause: Error) => void,
): { readonly cause: Error | undefined; clear(): void } {
  let cause: Error | undefined;
  const stop = (reason: Error) => {
    if (cause) return;
    cause = reason;
    clear();
    abort(reason);
  };
  const abandon = () => stop(signal?.reason instanceof Error ? signal.reason : new Error('The call was abandoned.'));
  const timer = setTimeout(() => stop(new SubgraphTimeoutError(timeoutMs)), timeoutMs);
  function clear() {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abandon);
  }
  if (signal?.aborted) abandon();
  else signal?.addEventListener('abort', abandon, { once: true });
  return {
    get cause() {
      return cause;
    },
    clear,
  };
}

/** A complete response in memory, with as much of the Fetch API as the gateway reads. */
class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  readonly bodyUsed = false;
  readonly headers: Headers;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    incoming: IncomingHttpHeaders,
    private readonly body: Buffer,
  ) {
    this.headers = new Headers();
    for (const [name, value] of Object.entries(incoming)) {
      if (value !== undefined) this.headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    return this.body.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body.toString('utf8'));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return new Uint8Array(this.body).buffer;
  }

  clone(): FetcherResponse {
    return this;
  }
}
