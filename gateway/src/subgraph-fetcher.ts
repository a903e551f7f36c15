import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

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
export function createSubgraphFetcher(): Fetcher {
  // Sockets are reused most-recently-first, so idle ones time out instead of all staying warm. An
  // idle socket is closed by us before the server closes it: reusing one the server is closing at
  // that moment fails the request with ECONNRESET. Node's servers keep idle connections 5 s; with a
  // timeout set, Node's agent also honours a shorter `Keep-Alive: timeout=N` (less 1 s).
  const options = { keepAlive: true, scheduling: 'lifo', timeout: IDLE_SOCKET_TIMEOUT_MS } as const;
  const agents = { 'http:': new HttpAgent(options), 'https:': new HttpsAgent(options) };
  return (url, init = {}) =>
    new Promise<FetcherResponse>((resolve, reject) => {
      const target = new URL(url);
      const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const outgoing = request(target, { method: init.method ?? 'GET', headers: init.headers, agent: agents[target.protocol as keyof typeof agents] }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => resolve(new BufferedResponse(url, incoming.statusCode ?? 0, incoming.statusMessage ?? '', incoming.headers, Buffer.concat(chunks))));
      });
      outgoing.on('error', reject);
      outgoing.end(init.body);
    });
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
