import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';

/**
 * How a subgraph call learns that nobody waits for its answer any more. RemoteGraphQLDataSource
 * hands its fetcher only a URL and a body, so the signal of the operation a call serves travels
 * beside it in async context: the data source runs the call under the operation's signal
 * (`withCallSignal`) and the fetcher reads it (`currentCallSignal`) to abort the HTTP request.
 */
const callSignal = new AsyncLocalStorage<AbortSignal>();

export function withCallSignal<T>(signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
  return signal ? callSignal.run(signal, call) : call();
}

export function currentCallSignal(): AbortSignal | undefined {
  return callSignal.getStore();
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
