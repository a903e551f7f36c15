import { IDENTITY_HEADER, LruCache, Role, unverifiedRoleOf } from '@cadres/core';

/**
 * Which subgraph calls may share one call on the wire. Two keys, one rule: calls share only when
 * they would get the same answer, so the same subgraph, the same query and variables, and the same
 * signed identity (hence the same authorisation and row filtering). Values are compared by their
 * canonical JSON (object keys sorted), never by how a serialiser happened to order them.
 */

/** JSON with every object's keys sorted: equal values, equal text, whatever order they were built in. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Bodies up to this size are keyed on canonical JSON (a root query's is about 200 bytes: 6 us). */
export const CANONICAL_KEY_MAX_BYTES = 4096;

/**
 * The key of a whole query call (coalesce.ts), or null when it must not be shared: anything but a
 * plain query (a mutation, a subscription, a body that is not a GraphQL request), and a partner's
 * reads, which the subgraph audits per request under the request's id.
 */
export function queryCallKey(url: string, identity: string | undefined, body: unknown): string | null {
  if (typeof body !== 'string' || !identity || roleOf(identity) === Role.PARTNER) return null;
  // A large body (an `_entities` call: 500 representations are 33 KB) is keyed on its text: parsing
  // and canonicalising it cost 0.6-1.5 ms of CPU a call against 6 us (measured; BENCHMARKS.md), and
  // the gateway serialises its own representations in one order anyway. Text equality never shares
  // wrongly; it can only share less.
  if (body.length > CANONICAL_KEY_MAX_BYTES)
    return body.startsWith('{"query":"query') || body.startsWith('{"query":"{') ? `${url}\n${identity}\n${body}` : null;
  let request: unknown;
  try {
    request = JSON.parse(body);
  } catch {
    return null;
  }
  if (!request || typeof request !== 'object' || Array.isArray(request)) return null;
  const { query } = request as { query?: unknown };
  if (typeof query !== 'string' || !isQuery(query)) return null;
  return `${url}\n${identity}\n${canonicalJson(request)}`;
}

/**
 * The key of an `_entities` fetch (entity batching): fetches alike in all but their representations
 * share a call: the same query, the same other variables (a field's arguments), the same identity.
 */
export function entityBatchKey(signedIdentity: string, query: string, otherVariables: Record<string, unknown>): string {
  return `${signedIdentity}\n${query}\n${canonicalJson(otherVariables)}`;
}

/** The identity header of a call's headers, whatever form a fetcher's init gives them in. */
export function identityHeaderOf(headers: unknown): string | undefined {
  return headerOf(headers, IDENTITY_HEADER);
}

/** A header (by its lower-case name) of a call's headers, whatever form a fetcher's init gives them in. */
export function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (Array.isArray(headers)) return (headers as [string, string][]).find(([key]) => key.toLowerCase() === name)?.[1];
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** An operation document whose only operation is a query (shorthand `{ … }` included). */
function isQuery(document: string): boolean {
  const start = document.trimStart();
  return start.startsWith('{') || /^query\b/.test(start);
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
