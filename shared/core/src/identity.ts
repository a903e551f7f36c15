import { decodeJwt, jwtVerify, SignJWT } from 'jose';
import { ForbiddenError } from './errors';
import { LruCache } from './lru-cache';

/** Who may do what (issue 6): four human roles, and SERVICE for one subgraph asking another. */
export enum Role {
  /** Everything, everywhere. */
  ADMIN = 'ADMIN',
  /** Organisation committee staff: read and write within their organisation subtree. */
  ORGANIZER = 'ORGANIZER',
  /** Internal dashboards: read and statistics within their subtree, no sensitive fields. */
  VIEWER = 'VIEWER',
  /** A partner agency: reads only the fields granted to it, for cadres in the subtrees granted; never writes. */
  PARTNER = 'PARTNER',
  /** A subgraph checking a rule with another subgraph. */
  SERVICE = 'SERVICE',
}

/** Scopes that open the sensitive fields of the cadre record (Decree 27/2026: classified data). */
export const Scope = {
  PERSONAL_ID: 'pii:read',
  FAMILY: 'family:read',
  PARTY: 'party:read',
  EVALUATION: 'evaluation:read',
  DISCIPLINE: 'discipline:read',
  STANDARDS_GAP: 'standards:read',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];

export interface Identity {
  subject: string;
  role: Role;
  /** The partner agency, for PARTNER. */
  agency: string | null;
  /** Scopes granted (what a PARTNER may read). */
  scopes: string[];
  /** Every org unit id in scope (the granted subtrees, expanded); null means all. */
  units: string[] | null;
}

/**
 * An identity as it travels from the gateway (or a subgraph) to a subgraph: its unit scope either
 * as the units themselves, or as the roots of the granted subtrees, which the receiving subgraph
 * expands (`scopeResolver`). The gateway sends roots: a subtree near the top of a province's tree
 * has over a thousand units (1,209 in the generated province, 40,009 in the national sample), and
 * their ids, some 37 bytes each, no longer fit in a request header.
 */
export type ForwardedIdentity = Omit<Identity, 'units'> & ({ units: string[] | null } | { unitRoots: string[] });

export function isUnrestricted(identity: Identity): boolean {
  return identity.role === Role.ADMIN || identity.role === Role.SERVICE;
}

/** Whether a sensitive field may be read: organizers read everything in their subtree, partners what was granted. */
export function hasScope(identity: Identity, scope: string): boolean {
  switch (identity.role) {
    case Role.ADMIN:
    case Role.SERVICE:
    case Role.ORGANIZER:
      return true;
    case Role.PARTNER:
      return identity.scopes.includes(scope);
    case Role.VIEWER:
      return false;
  }
}

export function canWrite(identity: Identity): boolean {
  return identity.role === Role.ADMIN || identity.role === Role.ORGANIZER || identity.role === Role.SERVICE;
}

/** Whether a unit (a cadre's, a quota's, a planned title's) lies in the identity's subtrees. */
export function unitInScope(identity: Identity, unitId: string | null | undefined): boolean {
  if (identity.units === null) return true;
  return unitId != null && unitSet(identity.units).has(unitId);
}

/** A scope of thousands of units is looked up many times a request: as a set, made once per list. */
const unitSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function unitSet(units: readonly string[]): ReadonlySet<string> {
  let set = unitSets.get(units);
  if (!set) unitSets.set(units, (set = new Set(units)));
  return set;
}

export const IDENTITY_HEADER = 'x-cadres-identity';
const ISSUER = 'cadres-gateway';
const AUDIENCE = 'cadres-subgraphs';

/**
 * DEVELOPMENT DEFAULT, NOT A SECRET: the key gateway and subgraphs share to sign forwarded
 * identities on a developer's machine. Every service refuses to start with it in production.
 */
export const DEV_INTERNAL_SIGNING_SECRET = 'dev-only-internal-signing-secret-do-not-deploy';

const encoder = new TextEncoder();

/**
 * The longest an identity token may live (`exp` − `iat`): subgraphs refuse a longer-lived one, so
 * neither a bug nor a leaked key's holder can mint a header that stays useful for long.
 */
export const IDENTITY_MAX_LIFETIME_SECONDS = 60;

/** Clock difference tolerated between the services (seconds). */
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * Signs an identity for the hop from the gateway (or a subgraph) to a subgraph: a JWT that lives
 * seconds. It says who is asking; what is asked is bound to it by each request's own signature
 * (request-signature.ts), so the token alone lets nobody send a subgraph anything.
 */
export async function signIdentity(
  identity: ForwardedIdentity,
  secret: string,
  ttlSeconds = IDENTITY_MAX_LIFETIME_SECONDS,
): Promise<string> {
  const scope = 'unitRoots' in identity ? { unitRoots: identity.unitRoots } : { units: identity.units };
  return new SignJWT({ role: identity.role, agency: identity.agency, scopes: identity.scopes, ...scope })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(encoder.encode(secret));
}

/**
 * The role an identity header states, read without verifying it: for the sender's own headers (the
 * gateway deciding what it may share), never to grant anything.
 */
export function unverifiedRoleOf(header: string): string | undefined {
  try {
    const { role } = decodeJwt(header);
    return typeof role === 'string' ? role : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a forwarded identity; throws when it is missing, forged, expired, malformed, without
 * `exp` or `iat`, issued in the future, or made to live longer than IDENTITY_MAX_LIFETIME_SECONDS.
 */
export async function verifyIdentity(token: string, secret: string): Promise<ForwardedIdentity> {
  return (await verifyIdentityUntil(token, secret)).identity;
}

async function verifyIdentityUntil(
  token: string,
  secret: string,
): Promise<{ identity: ForwardedIdentity; expires: number }> {
  const { payload } = await jwtVerify(token, encoder.encode(secret), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    // A token without `exp` would never expire; `maxTokenAge` requires `iat` and refuses one in the future.
    requiredClaims: ['exp'],
    maxTokenAge: IDENTITY_MAX_LIFETIME_SECONDS,
  });
  if (payload.exp! - payload.iat! > IDENTITY_MAX_LIFETIME_SECONDS) throw new Error('identity token lives too long');
  const role = payload.role as Role;
  // Fail closed: the unit scope must be stated, as a list, as subtree roots, or as null (everything).
  if (!Object.values(Role).includes(role) || !payload.sub || 'units' in payload === 'unitRoots' in payload)
    throw new Error('malformed identity');
  if ('unitRoots' in payload && !isStringArray(payload.unitRoots)) throw new Error('malformed identity');
  if ('units' in payload && !(payload.units === null || isStringArray(payload.units)))
    throw new Error('malformed identity');
  if (payload.units === null && role !== Role.ADMIN && role !== Role.SERVICE)
    throw new Error('unrestricted scope for a restricted role');
  const identity: ForwardedIdentity = {
    subject: payload.sub,
    role,
    agency: (payload.agency as string | null) ?? null,
    scopes: isStringArray(payload.scopes) ? payload.scopes : [],
    ...('unitRoots' in payload
      ? { unitRoots: payload.unitRoots as string[] }
      : { units: payload.units as string[] | null }),
  };
  return { identity, expires: payload.exp! * 1000 };
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * `verifyIdentity` for a subgraph's every request, remembering each header it verified until the
 * header expires. The gateway reuses one signed header per identity for a while, so most requests
 * bring a header already seen, and HMAC-checking and decoding it again was 3 % of a subgraph's CPU.
 * The identities handed out are frozen, since requests share them.
 */
export function cachedIdentityVerifier(
  secret: string,
  maxEntries = 1_000,
): (token: string) => Promise<ForwardedIdentity> {
  const verified = new LruCache<ForwardedIdentity>(maxEntries);
  return async (token) => {
    const known = verified.get(token);
    if (known) return known;
    const { identity, expires } = await verifyIdentityUntil(token, secret);
    freezeIdentity(identity);
    verified.set(token, identity, expires);
    return identity;
  };
}

/** Freezes an identity and its lists (scopes, units or roots), which requests share. */
function freezeIdentity<T extends object>(identity: T): T {
  for (const value of Object.values(identity)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(identity);
}

/**
 * Turns forwarded identities into the identities a subgraph enforces, expanding subtree roots
 * with `expandSubtrees` (personnel's org tree). A granted scope is personnel's data, and a unit
 * created, moved or closed must change what a caller may see soon after: each expansion is kept
 * `ttlMs` (30 s, as the gateway keeps a resolved identity), and the same identity object comes
 * back for the same forwarded one meanwhile (bounded caches both).
 */
export function scopeResolver(
  expandSubtrees: (roots: string[]) => Promise<string[]>,
  ttlMs = 30_000,
): (forwarded: ForwardedIdentity) => Promise<Identity> {
  // Weighed by ids held: a subtree near the top of the national tree has 40,000.
  const subtrees = new LruCache<readonly string[]>(2_000_000, (units) => units.length + 1);
  const asking = new Map<string, Promise<readonly string[]>>();
  const resolved = new WeakMap<ForwardedIdentity, { identity: Identity; until: number }>();
  const expand = async (roots: string[]): Promise<readonly string[]> => {
    if (!roots.length) return [];
    const key = [...roots].sort().join(',');
    const known = subtrees.get(key) ?? asking.get(key);
    if (known) return known;
    // Simultaneous requests of one scope ask once; a failure is not remembered.
    const expansion = expandSubtrees(roots)
      .then((units) => {
        // Fail closed: anything but a list of ids would read as "no restriction" further on.
        if (!isStringArray(units)) throw new Error('the org tree answered no list of units');
        const frozen = Object.freeze([...units]);
        subtrees.set(key, frozen, Date.now() + ttlMs);
        return frozen;
      })
      .finally(() => asking.delete(key));
    asking.set(key, expansion);
    return expansion;
  };
  return async (forwarded) => {
    if (!('unitRoots' in forwarded)) return forwarded;
    const hit = resolved.get(forwarded);
    if (hit && hit.until > Date.now()) return hit.identity;
    const { unitRoots, ...rest } = forwarded;
    const identity = Object.freeze({ ...rest, units: (await expand(unitRoots)) as string[] });
    resolved.set(forwarded, { identity, until: Date.now() + ttlMs });
    return identity;
  };
}

/** The identity a subgraph uses when it asks another to check a rule. */
export function serviceIdentity(service: string): Identity {
  return { subject: `service:${service}`, role: Role.SERVICE, agency: null, scopes: [], units: null };
}

/** Only these roles (a SERVICE, checking a rule, passes). */
export function requireRole(identity: Identity, ...roles: Role[]): void {
  if (identity.role !== Role.SERVICE && !roles.includes(identity.role))
    throw new ForbiddenError(`Only ${roles.join(' or ')} may do this.`);
}

/** Writes: ADMIN anywhere, ORGANIZER in their subtree; VIEWER and PARTNER never. */
export function requireWriter(identity: Identity): void {
  if (!canWrite(identity)) throw new ForbiddenError(`${identity.role} may not change the record.`);
}

export function requireUnitInScope(identity: Identity, unitId: string | null | undefined): void {
  if (!unitInScope(identity, unitId)) throw new ForbiddenError('Outside your organisation subtree.');
}
