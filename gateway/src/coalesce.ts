import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { READ_PRIMARY_HEADER } from '@cadres/core';
import { SQL_STATEMENTS_HEADER } from './gateway-context';
import { AbortGroup, takeCallSignal, untilAborted, withCallSignal } from './subgraph-call-signal';
import { headerOf, identityHeaderOf, queryCallKey } from './subgraph-call-key';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** A call's answer read once, in a form every caller can make its own Response of. */
interface SharedAnswer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

/**
 * Identical subgraph queries in flight at the same moment share one call. Identical means the same
 * subgraph, the same query and variables, and the same signed identity, hence the same authorisation
 * and row filtering; mutations and a partner's reads (audited per request) are never shared (the
 * key: subgraph-call-key.ts). Dashboards that many people open at once, and pages of dossiers that
 * many clients ask for, then cost the subgraphs one call instead of one per client.
 *
 * What is shared is the answer's bytes, read once, not the fetcher's Response: a body can be read
 * only once, and a Fetch API Response's properties are read-only (with Node's fetch a second caller
 * failed with "Cannot set property headers of #<_Response>"). Each caller gets a Response of its own
 * and parses it itself (no object is shared between operations); a follower's reports no SQL
 * statements: its operation cost none. The subgraph logs the leader's request id only.
 *
 * A shared call is aborted only when every operation waiting for it has been abandoned (each
 * stops waiting as soon as its own client goes); its deadline is the leader's, and a timeout
 * fails every operation that shares it, as it would have failed each alone.
 */
export function coalescingFetcher(fetcher: Fetcher, onCoalesced?: (url: string) => void): Fetcher {
  const inFlight = new Map<string, { call: Promise<SharedAnswer>; waiting: AbortGroup }>();
  return (url, init) => {
    // A call serving a mutation reads from the primary: it must not take a read's answer, maybe a replica's.
    const key = headerOf(init?.headers, READ_PRIMARY_HEADER)
      ? null
      : queryCallKey(url, identityHeaderOf(init?.headers), init?.body);
    if (key === null) return fetcher(url, init);
    const signal = takeCallSignal(init);
    const pending = inFlight.get(key);
    // A call every earlier caller abandoned is being aborted: this caller gets a call of its own.
    if (pending?.waiting.join(signal)) {
      onCoalesced?.(url);
      return untilAborted(pending.call, signal).then((answer) => responseOf(url, answer, true));
    }
    const waiting = new AbortGroup();
    waiting.join(signal);
    const call = fetcher(url, withCallSignal(init, waiting.signal))
      .then(readAnswer)
      .finally(() => {
        if (inFlight.get(key)?.call === call) inFlight.delete(key);
      });
    inFlight.set(key, { call, waiting });
    return untilAborted(call, signal).then((answer) => responseOf(url, answer, false));
  };
}

async function readAnswer(response: FetcherResponse): Promise<SharedAnswer> {
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    body: await response.text(),
  };
}

/** A caller's own Response of a shared answer; a follower's with no SQL statements of its own. */
function responseOf(url: string, answer: SharedAnswer, follower: boolean): FetcherResponse {
  const headers = new Headers(answer.headers);
  if (follower) headers.set(SQL_STATEMENTS_HEADER, '0');
  return new SharedAnswerResponse(url, answer.status, answer.statusText, headers, answer.body);
}

/**
 * As much of the Fetch API as RemoteGraphQLDataSource reads, over a body already in memory: cheaper
 * on the hot path than a Fetch API Response, which would encode the text to bytes to decode it again.
 */
class SharedAnswerResponse implements FetcherResponse {
  readonly redirected = false;
  readonly bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    private readonly body: string,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return new TextEncoder().encode(this.body).buffer;
  }

  clone(): FetcherResponse {
    return new SharedAnswerResponse(this.url, this.status, this.statusText, new Headers(this.headers), this.body);
  }
}
