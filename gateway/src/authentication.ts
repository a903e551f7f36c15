import { DomainError, ErrorCode, isUuid, LruCache, Role, type ForwardedIdentity } from '@cadres/core';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { readFileSync } from 'node:fs';
import type { GatewayEnv } from './env';

/** What a bearer token says. */
export interface TokenClaims {
  subject: string;
  role: Role;
  orgUnits: string[];
  agency: string | null;
  scopes: string[];
}

const HUMAN_ROLES = [Role.ADMIN, Role.ORGANIZER, Role.VIEWER, Role.PARTNER];

export class AuthenticationError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

/**
 * A verified token is trusted again for at most this long, even if it lives longer: a key removed
 * from the JWKS (rotated out, compromised) stops working within this time.
 */
const TOKEN_CACHE_MAX_AGE_MS = 5 * 60_000;

/**
 * Verifies bearer tokens: RS256/ES256 against a JWKS (file or URL) in production, HS256 with the
 * configured secret otherwise; `exp` is required, `iat`/`nbf` in the future (beyond
 * `TOKEN_CLOCK_SKEW_SECONDS`) are refused. A client sends the same token with every request, so a verified
 * token is remembered (up to `TOKEN_CACHE_SIZE` of them), never past its own expiry; refused
 * tokens are not remembered.
 */
export function createTokenVerifier(env: GatewayEnv): (token: string) => Promise<TokenClaims> {
  const verify = createUncachedTokenVerifier(env);
  const verified = new LruCache<TokenClaims>(env.TOKEN_CACHE_SIZE);
  return async (token) => {
    const hit = verified.get(token);
    if (hit) return hit;
    const { claims, expires } = await verify(token);
    verified.set(token, claims, Math.min(expires, Date.now() + TOKEN_CACHE_MAX_AGE_MS));
    return claims;
  };
}

function createUncachedTokenVerifier(
  env: GatewayEnv,
): (token: string) => Promise<{ claims: TokenClaims; expires: number }> {
  let key: JWTVerifyGetKey | Uint8Array;
  let algorithms: string[];
  if (env.AUTH_JWKS_URL) {
    key = createRemoteJWKSet(new URL(env.AUTH_JWKS_URL));
    algorithms = ['RS256', 'ES256'];
  } else if (env.AUTH_JWKS_FILE) {
    key = createLocalJWKSet(JSON.parse(readFileSync(env.AUTH_JWKS_FILE, 'utf8')));
    algorithms = ['RS256', 'ES256'];
  } else {
    key = new TextEncoder().encode(env.AUTH_HS256_SECRET);
    algorithms = ['HS256'];
  }
  const skew = env.TOKEN_CLOCK_SKEW_SECONDS;
  return async (token) => {
    let payload;
    try {
      // A token must expire (`exp` required), and may not claim to be issued or valid from a time
      // beyond the clock skew tolerated: such a token was minted by a wrong clock or to outlive its
      // stated lifetime. jose applies the tolerance to `nbf` (and `exp`); `iat` and a strict `exp` below.
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        algorithms,
        issuer: env.AUTH_ISSUER,
        audience: env.AUTH_AUDIENCE,
        requiredClaims: ['exp'],
        clockTolerance: skew,
      }));
    } catch {
      throw new AuthenticationError('The bearer token is invalid or expired.');
    }
    const now = Date.now() / 1000;
    // Expired is expired: the skew excuses a clock ahead of ours, not a token past its end.
    if (payload.exp! <= now || (payload.iat !== undefined && payload.iat > now + skew))
      throw new AuthenticationError('The bearer token is invalid or expired.');
    const role = payload.role as Role;
    if (!payload.sub || !HUMAN_ROLES.includes(role))
      throw new AuthenticationError('The token names no subject or no known role.');
    const scopes = Array.isArray(payload.scopes)
      ? (payload.scopes as string[])
      : typeof payload.scope === 'string'
        ? payload.scope.split(' ').filter(Boolean)
        : [];
    const orgUnits = Array.isArray(payload.org)
      ? (payload.org as string[])
      : typeof payload.org === 'string'
        ? [payload.org]
        : [];
    const claims = {
      subject: payload.sub,
      role,
      orgUnits,
      agency: typeof payload.agency === 'string' ? payload.agency : null,
      scopes,
    };
    return { claims, expires: payload.exp! * 1000 };
  };
}

/** Mints a development token (HS256). */
export function mintDevToken(claims: TokenClaims, secret: string, ttl = '8h'): Promise<string> {
  return new SignJWT({ role: claims.role, org: claims.orgUnits, agency: claims.agency, scopes: claims.scopes })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.subject)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}

/**
 * Turns token claims into the identity forwarded to subgraphs. An organisation scope travels as
 * the roots of the granted subtrees; each subgraph expands them into units from personnel's org
 * tree (`scopeResolver` in core), so the signed header stays small however large the subtree.
 * Identities are kept `ttlMs` (30 s by default, `IDENTITY_CACHE_SECONDS`; bounded): the same
 * object comes back meanwhile, which lets the forwarded header's signature be reused with it
 * (identity-header.ts).
 */
export function createIdentityResolver(ttlMs = 30_000) {
  const identities = new LruCache<ForwardedIdentity>(10_000);
  return (claims: TokenClaims): ForwardedIdentity => {
    const key = JSON.stringify([claims.subject, claims.role, claims.agency, claims.scopes, claims.orgUnits]);
    const hit = identities.get(key);
    if (hit) return hit;
    // A unit is named by its id: anything else could never match one, and must not reach SQL.
    if (!claims.orgUnits.every(isUuid))
      throw new AuthenticationError('The token’s organisation scope names a unit by something other than its id.');
    const { subject, role, agency, scopes } = claims;
    // ADMIN sees everything; anyone else the granted subtrees, or nothing without any.
    const identity: ForwardedIdentity =
      role === Role.ADMIN
        ? { subject, role, agency, scopes, units: null }
        : { subject, role, agency, scopes, unitRoots: [...new Set(claims.orgUnits)].sort() };
    identities.set(key, identity, Date.now() + ttlMs);
    return identity;
  };
}
