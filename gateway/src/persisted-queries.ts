import type { ApolloServerOptions } from '@apollo/server';
import { LruCache } from '@cadres/core';

/**
 * Automatic persisted queries: a client sends the SHA-256 of its query instead of the query (and the
 * query once, when the gateway answers PersistedQueryNotFound). Apollo Server supports them; this
 * states it explicitly, with a cache of its own bounded by the queries' total length (`maxMb`), so
 * no client can grow it without limit, and no TTL: an evicted query is simply sent again. 0 turns
 * them off.
 */
export function persistedQueries(
  maxMb: number,
  registered: Record<string, string> = {},
): ApolloServerOptions<never>['persistedQueries'] {
  if (maxMb === 0) return false;
  const queries = new LruCache<string>(maxMb * 2 ** 20, (query) => query.length);
  // Known clients' operations (the dashboard's, by the SHA-256 of their text, from its build) are
  // there from the start and never evicted: their first request is a hash, one round trip.
  const known = new Map(Object.entries(registered));
  return {
    ttl: null,
    cache: {
      // Apollo Server asks for `apq:<hash>`: the registered ones are kept by the bare hash.
      get: async (key) => known.get(key.replace(/^apq:/, '')) ?? queries.get(key),
      set: async (hash, query) => queries.set(hash, query, Infinity),
      delete: async (hash) => queries.remove(hash),
    },
  };
}
