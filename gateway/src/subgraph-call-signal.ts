import type { ServerResponse } from 'node:http';

/**
 * How a subgraph call learns that nobody waits for its answer any more. RemoteGraphQLDataSource
 * hands its fetcher only a URL and a request init (method, headers, body), so the signal of the
 * operation a call serves rides in the headers as a key to this process's table of signals: the
 * data source marks a call (`attachCallSignal`), and the fetcher takes the mark off before the
 * request leaves (`takeCallSignal`), so no subgraph ever sees it. (Not AsyncLocalStorage: on
 * Node 20 it hooks every promise the gateway creates, a cost on the hot path of every field.)
 */
export const CALL_SIGNAL_HEADER = 'x-gateway-call-signal';

const signals = new Map<string, AbortSignal>();
let lastId = 0;

function register(signal: AbortSignal): string {
  lastId = (lastId + 1) % Number.MAX_SAFE_INTEGER;
  const id = String(lastId);
  signals.set(id, signal);
  return id;
}

/** Marks a call's headers (the data source's, before they become the fetcher's init). */
export function attachCallSignal(
  headers: { set(name: string, value: string): void },
  signal: AbortSignal | undefined,
): void {
  if (signal) headers.set(CALL_SIGNAL_HEADER, register(signal));
}

type FetchInit = { headers?: unknown } | undefined;

/** A copy of `init` marked with `signal` (a fetcher wrapper handing a call on under another signal). */
export function withCallSignal<Init extends FetchInit>(init: Init, signal: AbortSignal | undefined): Init {
  if (!signal) return init;
  return {
    ...init,
    headers: { ...(init?.headers as Record<string, string> | undefined), [CALL_SIGNAL_HEADER]: register(signal) },
  };
}

/** The call's signal, its mark taken off the headers so that it is never sent; undefined if unmarked. */
export function takeCallSignal(init: FetchInit): AbortSignal | undefined {
  const headers = init?.headers as Record<string, string> | undefined;
  const id = headers?.[CALL_SIGNAL_HEADER];
  if (id === undefined) return undefined;
  delete headers![CALL_SIGNAL_HEADER];
  const signal = signals.get(id);
  signals.delete(id);
  return signal;
}

/** The subgraph call outlived its deadline (SUBGRAPH_TIMEOUT_MS); its HTTP request was aborted. */
export class SubgraphTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The subgraph did not answer within ${timeoutMs} ms.`);
    this.name = 'SubgraphTimeoutError';
  }
}

/** Every operation the call served went away (their clients closed the connection). */
export class CallAbandonedError extends Error {
  constructor() {
    super('Every operation waiting for this subgraph call was abandoned by its client.');
    this.name = 'CallAbandonedError';
  }
}

/**
 * A call shared by several operations (coalesced queries, batched entity fetches) is aborted only
 * when every one of them has gone: one client closing its connection must not fail the others.
 * `signal` aborts once each joined signal has; a group that has aborted takes no one new.
 */
export class AbortGroup {
  private readonly controller = new AbortController();
  private waiting = 0;

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Adds a caller; false when the group has already aborted (the caller needs a call of its own). */
  join(signal: AbortSignal | undefined): boolean {
    if (this.controller.signal.aborted) return false;
    this.waiting += 1;
    // A caller that can never go away keeps the call alive for good.
    if (!signal) return true;
    const leave = () => {
      this.waiting -= 1;
      if (this.waiting === 0) this.controller.abort(new CallAbandonedError());
    };
    if (signal.aborted) leave();
    else signal.addEventListener('abort', leave, { once: true });
    return true;
  }
}

/**
 * `shared` as this caller sees it: rejected as soon as the caller's own signal aborts (its client
 * has gone: it stops waiting), whatever becomes of the shared call the others still wait for.
 */
export function untilAborted<T>(shared: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return shared;
  if (signal.aborted) return Promise.reject(new CallAbandonedError());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new CallAbandonedError());
    signal.addEventListener('abort', abort, { once: true });
    shared.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the call's own rejection, passed on as it came
        reject(error);
      },
    );
  });
}

/** Aborts when the client closes its connection before its answer is out. */
export function clientGoneSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(new CallAbandonedError());
  });
  return controller.signal;
}
