import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { IDENTITY_HEADER, signIdentity, type ForwardedIdentity } from './identity';
import { BATCHED_REQUEST_IDS_HEADER, REQUEST_ID_HEADER } from './request-id';

/**
 * A MAC over one exact subgraph request (issue 12): the identity header alone, reusable for its
 * whole life, let whoever captured it send a subgraph any other body under that identity — an
 * `_entities` representation claiming another unit in `orgUnit { id }`, say. So every call also
 * carries `x-cadres-signature: t=<ms>,v1=<mac>`, an HMAC-SHA256 (key derived from
 * INTERNAL_SIGNING_SECRET) over the receiving subgraph's name, the time of sending, the method, the
 * path, the identity token, the request ids and the SHA-256 of the body bytes as sent. It is made
 * at send time, below every layer that builds or shares bodies, and lives seconds: a captured call
 * can only be replayed unchanged, to the same subgraph, within that window.
 */
export const REQUEST_SIGNATURE_HEADER = 'x-cadres-signature';

/** How long a signed request is accepted after (and, for clock skew, before) it was signed. */
export const DEFAULT_REQUEST_SIGNATURE_MAX_AGE_MS = 10_000;

/** Headers the MAC covers besides the body: the identity, and the request ids the audit records. */
const SIGNED_HEADERS = [IDENTITY_HEADER, REQUEST_ID_HEADER, BATCHED_REQUEST_IDS_HEADER] as const;

export interface SignedRequest {
  /** The receiving subgraph's name (personnel, training, planning): a call cannot be sent to another. */
  audience: string;
  method: string;
  /** Path and query string, as the receiver sees them (`/graphql`). */
  path: string;
  /** The request's headers (lowercase names); only SIGNED_HEADERS are read. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body bytes exactly as sent ('' for none). */
  body: string | Uint8Array;
}

/** A separate key for request MACs, so that no MAC can ever pass for an identity token's signature, or the reverse. */
const keys = new Map<string, Buffer>();
function macKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = createHmac('sha256', secret).update('cadres subgraph request signature v1').digest();
    if (keys.size > 8) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

const headerValue = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? value.join(',') : (value ?? '');

function mac(secret: string, request: SignedRequest, issuedAt: number): Buffer {
  const bodyHash = createHash('sha256').update(request.body).digest('base64url');
  // Header values and paths cannot hold a line break (HTTP forbids it), so the lines are unambiguous.
  const lines = [
    'v1',
    request.audience,
    String(issuedAt),
    request.method.toUpperCase(),
    request.path,
    ...SIGNED_HEADERS.map((name) => headerValue(request.headers[name])),
    bodyHash,
  ];
  return createHmac('sha256', macKey(secret)).update(lines.join('\n')).digest();
}

/** The `x-cadres-signature` value for `request`, signed now (or at `issuedAt`, epoch ms). */
export function signRequest(secret: string, request: SignedRequest, issuedAt = Date.now()): string {
  return `t=${issuedAt},v1=${mac(secret, request, issuedAt).toString('base64url')}`;
}

const SIGNATURE_FORMAT = /^t=(\d{1,15}),v1=([A-Za-z0-9_-]{43})$/;

/**
 * Whether `signature` signs exactly `request` and was made within `maxAgeMs` of `now` (either way:
 * the sender's clock may be a little ahead). False for anything else, without saying why: a
 * caller learns nothing from a refusal.
 */
export function verifyRequestSignature(
  secret: string,
  signature: string | string[] | undefined,
  request: SignedRequest,
  maxAgeMs = DEFAULT_REQUEST_SIGNATURE_MAX_AGE_MS,
  now = Date.now(),
): boolean {
  if (typeof signature !== 'string') return false;
  const parsed = SIGNATURE_FORMAT.exec(signature);
  const [, issued, signed] = parsed ?? [];
  if (issued === undefined || signed === undefined) return false;
  const issuedAt = Number(issued);
  if (Math.abs(now - issuedAt) > maxAgeMs) return false;
  return timingSafeEqual(Buffer.from(signed, 'base64url'), mac(secret, request, issuedAt));
}

/**
 * For callers outside the gateway (tests, benchmarks, a subgraph's rule checks): the headers that
 * let `body` through to the subgraph `audience` at `url` as `identity` — the identity token, and a
 * signature of the request made when the returned function is called.
 */
export async function signedSubgraphHeaders(
  secret: string,
  identity: ForwardedIdentity,
  audience: string,
  url: string,
): Promise<(body: string) => Record<string, string>> {
  const token = await signIdentity(identity, secret);
  const { pathname, search } = new URL(url);
  return (body) => {
    const headers: Record<string, string> = { [IDENTITY_HEADER]: token };
    headers[REQUEST_SIGNATURE_HEADER] = signRequest(secret, {
      audience,
      method: 'POST',
      path: pathname + search,
      headers,
      body,
    });
    return headers;
  };
}
