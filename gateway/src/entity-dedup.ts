/**
 * `_entities` de-duplication. Stock @apollo/gateway sends one representation per occurrence of an
 * entity in the response so far: every planning entry of a dossier names the same cadre, a page's
 * assignments name the same few titles and units. The subgraph then resolves (and serialises, and
 * the gateway parses) each copy. We send each distinct representation once and rebuild the answer
 * the gateway expects, position by position, errors included.
 */
import { must } from '@cadres/core';

/** A subgraph's answer, as much of it as the expansion touches. */
export interface EntitiesResponse {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<{ path?: ReadonlyArray<string | number> }>;
}

export interface DedupedRepresentations {
  /** Each distinct representation once, in order of first occurrence. */
  unique: unknown[];
  /** For each distinct representation, the positions it had in the original list. */
  positions: number[][];
}

/**
 * The distinct representations, or null when there are no duplicates (the request goes out as it
 * came). Representations are compared by their JSON: the gateway builds every representation of
 * one fetch from the same selection, so equal ones serialise alike.
 */
export function dedupeRepresentations(representations: readonly unknown[]): DedupedRepresentations | null {
  const indexOf = new Map<string, number>();
  const unique: unknown[] = [];
  const positions: number[][] = [];
  representations.forEach((representation, position) => {
    const key = JSON.stringify(representation);
    const index = indexOf.get(key);
    if (index === undefined) {
      indexOf.set(key, unique.length);
      unique.push(representation);
      positions.push([position]);
    } else {
      must(positions[index], 'indexOf holds the index positions got with it').push(position);
    }
  });
  return unique.length < representations.length ? { unique, positions } : null;
}

/**
 * The subgraph's answer to the distinct representations, put back into the original positions:
 * `_entities[i]` for every position a representation had, and each error whose path starts with
 * `["_entities", i]` once per such position, as the subgraph would have reported it for each copy.
 * Copies are deep: the gateway merges each entity into the response in place, and shared objects
 * would alias parts of the response.
 */
export function expandEntitiesResponse<R extends EntitiesResponse>(
  response: R,
  { unique, positions }: DedupedRepresentations,
): R {
  const total = positions.reduce((sum, p) => sum + p.length, 0);
  const entities = response.data?._entities;
  let data = response.data;
  // An answer of the wrong shape goes back as it is, for the gateway to report.
  if (Array.isArray(entities) && entities.length === unique.length) {
    const expanded = new Array<unknown>(total);
    positions.forEach((at, index) =>
      at.forEach((position, copy) => (expanded[position] = copy === 0 ? entities[index] : cloneJson(entities[index]))),
    );
    data = { ...response.data, _entities: expanded };
  }
  const errors = response.errors?.flatMap((error) => {
    const [root, index] = error.path ?? [];
    if (root !== '_entities' || typeof index !== 'number' || !positions[index]) return [error];
    return positions[index].map((position) => ({ ...error, path: ['_entities', position, ...error.path!.slice(2)] }));
  });
  return { ...response, data, ...(errors && { errors }) };
}

/** A deep copy of parsed JSON (plain objects, arrays and scalars only). */
function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = cloneJson((value as Record<string, unknown>)[key]);
  return copy as T;
}
