import { DomainError, ErrorCode, Role, serviceIdentity, signIdentity, IDENTITY_HEADER, type Identity } from '@cadres/core';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { readFileSync } from 'node:fs';
import type { GatewayEnv } from './env';

/** What a bearer token says, before the gateway expands the organisation scope. */
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
 * Verifies bearer tokens: RS256/ES256 against a JWKS (file or URL) in production, HS256 with the
 * configured secret otherwise.
 */
export function createTokenVerifier(env: GatewayEnv): (token: string) => Promise<TokenClaims> {
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
  return async (token) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, { algorithms, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE }));
    } catch {
      throw new AuthenticationError('The bearer token is invalid or expired.');
    }
    const role = payload.role as Role;
    if (!payload.sub || !HUMAN_ROLES.includes(role)) throw new AuthenticationError('The token names no subject or no known role.');
    const scopes = Array.isArray(payload.scopes) ? (payload.scopes as string[]) : typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
    const orgUnits = Array.isArray(payload.org) ? (payload.org as string[]) : typeof payload.org === 'string' ? [payload.org] : [];
    return { subject: payload.sub, role, orgUnits, agency: typeof payload.agency === 'string' ? payload.agency : null, scopes };
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
 * Turns token claims into the identity subgraphs enforce: an organisation scope becomes every unit
 * of the granted subtrees, asked of personnel once and cached for a few minutes.
 */
export function createIdentityResolver(personnelUrl: string, signingSecret: string, ttlMs = 5 * 60_000) {
  const cache = new Map<string, { units: string[]; expires: number }>();
  async function expand(roots: string[]): Promise<string[]> {
    const key = [...roots].sort().join(',');
    const hit = cache.get(key);
    if (hit && hit.expires > Date.now()) return hit.units;
    const response = await fetch(personnelUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await signIdentity(serviceIdentity('gateway'), signingSecret) },
      body: JSON.stringify({ query: 'query ($ids: [ID!]!) { orgUnitSubtreeIds(ids: $ids) }', variables: { ids: roots } }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { data?: { orgUnitSubtreeIds: string[] } };
    if (!body.data) throw new AuthenticationError('The organisation scope could not be resolved.');
    cache.set(key, { units: body.data.orgUnitSubtreeIds, expires: Date.now() + ttlMs });
    return body.data.orgUnitSubtreeIds;
  }
  return async (claims: TokenClaims): Promise<Identity> => ({
    subject: claims.subject,
    role: claims.role,
    agency: claims.agency,
    scopes: claims.scopes,
    // ADMIN sees everything; anyone else sees the granted subtrees, or nothing without any.
    units: claims.role === Role.ADMIN ? null : claims.orgUnits.length ? await expand(claims.orgUnits) : [],
  });
}
