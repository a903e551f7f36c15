/**
 * Entity fetches of concurrent operations share one subgraph call. Under load many operations
 * are at the same step of the same plan at once: sixteen dossiers each ask training for one
 * cadre's history, planning for one cadre's planning, personnel for a few titles. Each such call
 * costs the subgraph an HTTP request, a GraphQL execution, a set of loaders and their SQL, however
 * few entities it resolves. Fetches with the same `_entities` query and the same signed identity
 * (hence the same authorisation and row filtering) that are ready in the same turn of the event
 * loop go out as one call with all their representations; each operation gets its own slice of the
 * answer back, errors included. Alone, a fetch leaves at the end of the turn it was ready in, so
 * batching costs no waiting; the busier the gateway, the more each turn gathers.
 */
import { must } from '@cadres/core';
import type { EntitiesResponse } from './entity-dedup';

/** Above this many representations a batch is closed and the next fetch starts another. */
export const MAX_BATCH_REPRESENTATIONS = 1_000;

/** One fetch's share of a batch: its representations, and where its answer goes. */
export interface BatchedFetch<Fetch, Response> {
  fetch: Fetch;
  representations: readonly unknown[];
  resolve(response: Response): void;
  reject(error: unknown): void;
}

/**
 * Gathers fetches by key until the end of the current event-loop turn, then hands each batch to
 * `send`: one fetch as it is, several together (see `sendBatch` in the data source).
 */
export class EntityBatches<Fetch, Response> {
  private readonly open = new Map<string, { fetches: BatchedFetch<Fetch, Response>[]; representations: number }>();

  constructor(private readonly send: (batch: BatchedFetch<Fetch, Response>[]) => void) {}

  add(key: string, fetch: Fetch, representations: readonly unknown[]): Promise<Response> {
    return new Promise((resolve, reject) => {
      let batch = this.open.get(key);
      // A full batch is already scheduled: it leaves as it is, and this fetch starts another.
      if (!batch || batch.representations + representations.length > MAX_BATCH_REPRESENTATIONS) {
        const opened = { fetches: [] as BatchedFetch<Fetch, Response>[], representations: 0 };
        this.open.set(key, opened);
        setImmediate(() => {
          if (this.open.get(key) === opened) this.open.delete(key);
          this.send(opened.fetches);
        });
        batch = opened;
      }
      batch.fetches.push({ fetch, representations, resolve, reject });
      batch.representations += representations.length;
    });
  }
}

/**
 * The answer to a batch's representations (in the order of `sizes`, one size per fetch) cut into
 * each fetch's answer: its slice of `_entities`, and the errors whose path points into that slice,
 * renumbered. An error about no entity in particular (or about an entity the batch did not ask
 * for) goes to every fetch; an answer of the wrong shape goes to every fetch as it is, for the
 * gateway to report.
 */
export function splitEntitiesResponse<R extends EntitiesResponse>(response: R, sizes: readonly number[]): R[] {
  const entities = response.data?._entities;
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (!Array.isArray(entities) || entities.length !== total) return sizes.map(() => response);
  let offset = 0;
  return sizes.map((size) => {
    const start = offset;
    offset += size;
    const errors = response.errors?.flatMap((error) => {
      const [root, index] = error.path ?? [];
      // An error about no entity, or about none of this batch's, concerns every fetch.
      if (root !== '_entities' || typeof index !== 'number' || index < 0 || index >= total) return [error];
      return index >= start && index < start + size
        ? [{ ...error, path: ['_entities', index - start, ...error.path!.slice(2)] }]
        : [];
    });
    return {
      ...response,
      data: { ...response.data, _entities: entities.slice(start, start + size) },
      errors: errors?.length ? errors : undefined,
    };
  });
}

/**
 * `total` (a batch's SQL statements) shared out in proportion to `sizes` (each fetch's
 * representations), whole numbers that add up to it: each operation reports its part of the cost.
 */
export function shareOut(total: number, sizes: readonly number[]): number[] {
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (sum === 0) return sizes.map((_, i) => (i === 0 ? total : 0));
  const shares = sizes.map((size) => Math.floor((total * size) / sum));
  let left = total - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % shares.length, left--)
    shares[i] = must(shares[i], 'i runs modulo shares.length') + 1;
  return shares;
}
