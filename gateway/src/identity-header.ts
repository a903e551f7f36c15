import { signIdentity, type ForwardedIdentity } from '@cadres/core';

/**
 * Signs the identity forwarded to subgraphs (`x-cadres-identity`). A signature is valid 60 s; one is
 * reused for the same identity object for `reuseMs` (at most 30 s, so a subgraph always receives a
 * header with 30 s or more to live), instead of an HMAC per subgraph fetch. The identity resolver
 * hands out the same object while it caches it; the WeakMap forgets an identity with it.
 */
export function createIdentitySigner(
  secret: string,
  reuseMs: number,
): (identity: ForwardedIdentity) => Promise<string> {
  const signed = new WeakMap<ForwardedIdentity, { header: Promise<string>; until: number }>();
  return (identity) => {
    const now = Date.now();
    const hit = signed.get(identity);
    if (hit && hit.until > now) return hit.header;
    // The promise itself is kept, so the fetches of one request, sent together, share one signature.
    const header = signIdentity(identity, secret);
    signed.set(identity, { header, until: now + reuseMs });
    return header;
  };
}
