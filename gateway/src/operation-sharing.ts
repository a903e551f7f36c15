import { HeaderMap, type ApolloServerPlugin, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import { Role, type ForwardedIdentity } from '@cadres/core';
import { SQL_STATEMENTS_HEADER, type GatewayContext } from './gateway-context';
import { AbortGroup } from './subgraph-call-signal';
import { canonicalJson } from './subgraph-call-key';

/**
 * Identical client operations in flight share one execution (SHARE_IDENTICAL_OPERATIONS): a request
 * that arrives while the same one is being answered waits for that answer instead of being parsed,
 * planned, executed and serialised again. Where many people open the same dashboard at once, or a
 * client library retries, the gateway and the subgraphs do the work once.
 *
 * "The same" is strict, so that the shared answer is the one each caller would have got alone:
 * - the same identity, all of it (subject, role, agency, scopes, units): never across callers, so
 *   scoping and field policies stay each caller's own;
 * - the same operation document, operation name, variables and extensions (a persisted query's
 *   hash), compared as canonical JSON, and the same method, query string and the request headers
 *   Apollo Server answers by (`accept` decides the answer's content type);
 * - reads only: the first request's resolved operation decides, and until it has, the others wait;
 *   a mutation (or anything not a query) is never shared: each later request runs on its own;
 * - never a partner's: the subgraphs audit a partner's reads per request (one read-audit row named
 *   by its request id), which one execution for several requests would break;
 * - never across a write: a request arriving after a mutation ended in this process does not join
 *   an execution that began before it, so a caller reads its own writes.
 * Not shared either: batched requests (a JSON array), and incremental (@defer) answers, which are
 * a stream only one client can read; the request waits, then runs on its own.
 *
 * Each client keeps what is its own: its request id (`x-request-id`, set before the handler), its
 * log line (naming the request it was answered with, `sharedWith`), its compression, its rate-limit
 * count. A follower's `x-sql-statements` is 0: its request cost no statement, as with coalesced
 * subgraph calls. An error answer (a refused cost, a failed subgraph) is shared like any other:
 * the same request under the same identity would have been refused the same way.
 *
 * The execution serves every request waiting for it, so its abort signal fires only once every one
 * of their clients has gone (AbortGroup); a request that arrives after that gets its own.
 */
export class OperationSharing {
  private readonly inFlight = new Map<string, Execution>();
  /** Mutations ended in this process: part of the key, so no read joins one from before a write. */
  private writes = 0;

  constructor(private readonly onShared: () => void = () => undefined) {}

  /**
   * Answers `request` by `run`, or by the answer of an identical request in flight. `onFollow` is
   * told the request id of the request whose answer this one gets, when it gets one.
   */
  async execute(
    request: HTTPGraphQLRequest,
    context: GatewayContext,
    run: (context: GatewayContext) => Promise<HTTPGraphQLResponse>,
    onFollow?: (leaderRequestId: string) => void,
  ): Promise<HTTPGraphQLResponse> {
    const key = operationKey(request, context.identity, this.writes);
    if (key === null) return run(context);
    const pending = this.inFlight.get(key);
    if (!pending) return this.lead(key, context, run);
    if ((await pending.shareable) && pending.waiting.join(context.abortSignal)) {
      const answer = await pending.answer;
      if (answer) {
        this.onShared();
        onFollow?.(pending.requestId);
        return followerAnswer(answer);
      }
    }
    return run(context);
  }

  /** Apollo Server's plugin that tells an execution whether it may be shared, and counts writes. */
  plugin(): ApolloServerPlugin<GatewayContext> {
    return {
      requestDidStart: async () => {
        let wrote = false;
        return {
          didResolveOperation: async ({ operation, contextValue }) => {
            const kind = operation?.operation;
            wrote = kind === 'mutation';
            contextValue.shareOperation?.(kind === 'query');
          },
          // Before the answer leaves, so that the caller's next request already sees the write.
          willSendResponse: async () => {
            if (wrote) this.writes += 1;
          },
        };
      },
    };
  }

  private lead(
    key: string,
    context: GatewayContext,
    run: (context: GatewayContext) => Promise<HTTPGraphQLResponse>,
  ): Promise<HTTPGraphQLResponse> {
    let decide: (shareable: boolean) => void = () => undefined;
    const shareable = new Promise<boolean>((resolve) => (decide = resolve));
    const waiting = new AbortGroup();
    waiting.join(context.abortSignal);
    const response = run({ ...context, abortSignal: waiting.signal, shareOperation: decide });
    const answer = response.then(
      (own) => (own.body.kind === 'complete' ? own : null),
      () => null,
    );
    const execution: Execution = { requestId: context.requestId, shareable, waiting, answer };
    this.inFlight.set(key, execution);
    // A request refused before its operation was resolved (unparsable, invalid) was no query to share.
    void answer.then(() => {
      decide(false);
      if (this.inFlight.get(key) === execution) this.inFlight.delete(key);
    });
    return response;
  }
}

interface Execution {
  requestId: string;
  /** Whether the leading request's operation turned out to be a query (decided once resolved). */
  shareable: Promise<boolean>;
  /** The clients waiting for it: it is abandoned once all have gone. */
  waiting: AbortGroup;
  /** The complete answer, or null for one that cannot be shared (a stream, a failure). */
  answer: Promise<HTTPGraphQLResponse | null>;
}

/** Request headers Apollo Server answers by: the content type it answers in, CSRF prevention. */
const ANSWERED_BY = ['accept', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name'];

/** The key under which identical requests share, or null for a request that is never shared. */
export function operationKey(request: HTTPGraphQLRequest, identity: ForwardedIdentity, writes: number): string | null {
  if (identity.role === Role.PARTNER) return null;
  const { method, body, headers, search } = request;
  if (method === 'POST' ? !body || typeof body !== 'object' || Array.isArray(body) : method !== 'GET') return null;
  const answeredBy = ANSWERED_BY.map((name) => headers.get(name) ?? null);
  // Incremental delivery (@defer) answers as a stream, which only one client can read.
  if (answeredBy[0]?.includes('multipart')) return null;
  return `${writes}\n${canonicalJson(identity)}\n${method}\n${search}\n${canonicalJson(answeredBy)}\n${canonicalJson(body)}`;
}

/** A follower's own copy of the shared answer: its own headers, no SQL statements of its own. */
function followerAnswer(answer: HTTPGraphQLResponse): HTTPGraphQLResponse {
  const headers = new HeaderMap();
  for (const [name, value] of answer.headers) headers.set(name, value);
  headers.set(SQL_STATEMENTS_HEADER, '0');
  return { status: answer.status, headers, body: answer.body };
}
