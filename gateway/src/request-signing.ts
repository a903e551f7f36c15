import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { IDENTITY_HEADER, REQUEST_SIGNATURE_HEADER, signRequest } from '@cadres/core';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * Signs every subgraph call at the moment it is sent (request-signature.ts in core): the identity
 * token, the request ids, the target subgraph and the exact body bytes. It sits below everything
 * that builds or shares bodies — the data source's serialisation, entity batching and dedup, and
 * coalescing — so what is signed is what goes on the wire, and the signature is as fresh as the
 * send: a call that waited on a slow step of its plan still leaves with seconds to live.
 *
 * `audiences` names the subgraph behind each URL the gateway calls; a call to any other URL is
 * refused here, since no subgraph would accept it.
 */
export function signingFetcher(fetcher: Fetcher, secret: string, audiences: Record<string, string>): Fetcher {
  const targets = new Map(Object.entries(audiences).map(([name, url]) => [url, { audience: name, path: pathOf(url) }]));
  return (url, init = {}) => {
    const target = targets.get(url);
    if (!target) return Promise.reject(new Error(`no subgraph is configured at ${url}`));
    const headers = { ...init.headers };
    const body = init.body ?? '';
    if (typeof body !== 'string' && !(body instanceof Uint8Array))
      return Promise.reject(new Error('a subgraph call must have a string or byte body to be signed'));
    // Without an identity there is nothing to sign for: the subgraph refuses the call either way.
    if (headers[IDENTITY_HEADER])
      headers[REQUEST_SIGNATURE_HEADER] = signRequest(secret, {
        audience: target.audience,
        method: init.method ?? 'GET',
        path: target.path,
        headers,
        body,
      });
    return fetcher(url, { ...init, headers }).then((response) => {
      // A subgraph refusing what this gateway signed is never the client's fault, and must not
      // reach it as a 401 carrying the subgraph's URL and answer (issue 13): it fails the fetch
      // with an error the operator can act on, which the client sees masked.
      if (response.status === 401) throw new SignatureRefusedError(target.audience);
      return response;
    });
  };
}

/** A subgraph refused a call this gateway signed: keys or clocks differ, or the call waited too long. */
export class SignatureRefusedError extends Error {
  constructor(readonly subgraph: string) {
    super(
      `${subgraph} refused the gateway's signed call (401): INTERNAL_SIGNING_SECRET differs between them, their clocks are further apart than REQUEST_SIGNATURE_MAX_AGE_MS, or the call waited longer than that before ${subgraph} read it`,
    );
    this.name = 'SignatureRefusedError';
  }
}

/** The path and query string a subgraph sees for `url` (Express's `originalUrl`). */
function pathOf(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}
