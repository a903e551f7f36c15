import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { IDENTITY_HEADER } from '@cadres/core';
import { SQL_STATEMENTS_HEADER } from './subgraph-data-source';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;


/**
 * Identical subgraph queries in flight at the same moment share one call. Identical means the same
 * subgraph, the same query and variables, and the same signed identity, hence the same authorisation
 * and row filtering; mutations are never shared. Dashboards that many people open at once, and pages
 * of dossiers that many clients ask for, then cost the subgraphs one call instead of one per client.
 *
 * Each operation parses the shared answer itself (no object is shared between operations), and a
 * follower's answer reports no SQL statements: its operation cost none. The subgraph logs the
 * leader's request id only.
 */
export function coalescingFetcher(fetcher: Fetcher): Fetcher {
  const inFlight = new Map<string, Promise<FetcherResponse>>();
  return (url, init) => {
    const key = coalescingKey(url, init);
    if (key === null) return fetcher(url, init);
    const pending = inFlight.get(key);
    if (pending) return pending.then(asFollower);
    const call = fetcher(url, init).finally(() => inFlight.delete(key));
    inFlight.set(key, call);
    return call;
  };
}

/** Null for anything but a plain query (a mutation, a subscription, an unexpected body). */
function coalescingKey(url: string, init: Parameters<Fetcher>[1]): string | null {
  const body = init?.body;
  // RemoteGraphQLDataSource serialises { query, variables, operationName }, the query first.
  if (typeof body !== 'string' || !(body.startsWith('{"query":"query') || body.startsWith('{"query":"{'))) return null;
  const headers = (init?.headers ?? {}) as Record<string, string>;
  const identity = headers[IDENTITY_HEADER];
  return identity ? `${url}\n${identity}\n${body}` : null;
}

/** The leader's answer, but with no SQL statements of the follower's own. */
function asFollower(response: FetcherResponse): FetcherResponse {
  const headers = new Headers([...response.headers]);
  headers.set(SQL_STATEMENTS_HEADER, '0');
  return Object.assign(Object.create(response) as FetcherResponse, { headers });
}
