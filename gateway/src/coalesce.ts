import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { IDENTITY_HEADER, LruCache, READ_PRIMARY_HEADER, Role, unverifiedRoleOf } from '@cadres/core';
import { AbortGroup, takeCallSignal, untilAborted, withCallSignal } from './subgraph-call-signal';
import { SQL_STATEMENTS_HEADER } from './subgraph-data-source';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/**
 * Identical subgraph queries in flight at the same moment share one call. Identical means the same
 * subgraph, the same query and variables, and the same signed identity, hence the same authorisation
 * and row filtering; mutations and a partner's reads (audited per request) are never shared.
 * Dashboards that many people open at once, and pages of dossiers that many clients ask for, then
 * cost the subgraphs one call instead of one per client.
 *
 * Each operation parses the shared answer itself (no object is shared between operations), and a
 * follower's answer reports no SQL statements: its operation cost none. The subgraph logs the
 * leader's request id only.
 *
 * A shared call is aborted only when every operation waiting for it has been abandoned (each
 * stops waiting as soon as its own client goes); its deadline is the leader's, and a timeout
 * fails every operation that shares it, as it would have failed each alone.
 */
export function coalescingFetcher(fetcher: Fetcher, onCoalesced?: (url: string) => void): Fetcher {
  const inFlight = new Map<string, { call: Promise<FetcherResponse>; waiting: AbortGroup }>();
  return (url, init) => {
    const key = coalescingKey(url, init);
    if (key === null) return fetcher(url, init);
    const signal = takeCallSignal(init);
    const pending = inFlight.get(key);
    // A call every earlier caller abandoned is being aborted: this caller gets a call of its own.
    if (pending?.waiting.join(signal)) {
      onCoalesced?.(url);
      return untilAborted(pending.call, signal).then(asFollower);
    }
    const waiting = new AbortGroup();
    waiting.join(signal);
    const call = fetcher(url, withCallSignal(init, waiting.signal)).finally(() => {
      if (inFlight.get(key)?.call === call) inFlight.delete(key);
    });
    inFlight.set(key, { call, waiting });
    return untilAborted(call, signal);
  };
}

/**
 * Null for anything but a plain query (a mutation, a subscription, an unexpected body), and for a
 * partner's: the subgraph audits a partner's reads per request, under the request's id.
 */
function coalescingKey(url: string, init: Parameters<Fetcher>[1]): string | null {
  const body = init?.body;
  // RemoteGraphQLDataSource serialises { query, variables, operationName }, the query first.
  if (typeof body !== 'string' || !(body.startsWith('{"query":"query') || body.startsWith('{"query":"{'))) return null;
  const headers = (init?.headers ?? {}) as Record<string, string>;
  // A call serving a mutation reads from the primary: it must not take a read's answer, maybe a replica's.
  if (headers[READ_PRIMARY_HEADER]) return null;
  const identity = headers[IDENTITY_HEADER];
  return identity && roleOf(identity) !== Role.PARTNER ? `${url}\n${identity}\n${body}` : null;
}

/** The role in an identity header this gateway signed, remembered per header (reused up to 30 s). */
const roles = new LruCache<string>(1_000);
function roleOf(header: string): string | undefined {
  const known = roles.get(header);
  if (known) return known;
  const role = unverifiedRoleOf(header);
  if (role) roles.set(header, role, Date.now() + 60_000);
  return role;
}

/** The leader's answer, but with no SQL statements of the follower's own. */
function asFollower(response: FetcherResponse): FetcherResponse {
  const headers = new Headers([...response.headers]);
  headers.set(SQL_STATEMENTS_HEADER, '0');
  return Object.assign(Object.create(response) as FetcherResponse, { headers });
}
