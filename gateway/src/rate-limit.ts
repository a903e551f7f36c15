import { LruCache } from '@cadres/core';
import { createClient } from 'redis';

/** Whether a request may go on; when not, how many seconds until its key's window ends (`Retry-After`). */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /**
   * Counts `count` requests for `key` (the operations of a batch each count); refused once the key
   * has used its allowance this minute.
   */
  allow(key: string, count?: number): Promise<RateDecision>;
  close(): Promise<void>;
}

const WINDOW_MS = 60_000;

/** Counters kept in memory at most (about 100 bytes each): beyond, the least recently seen key goes. */
export const MEMORY_RATE_LIMIT_KEYS = 100_000;

function decide(count: number, perMinute: number, windowEnds: number, now: number): RateDecision {
  return count <= perMinute ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now) / 1000)) };
}

/**
 * One gateway: counters in memory, per fixed one-minute window. Once `maxKeys` keys are counted,
 * the least recently seen one is forgotten (and a window's counter goes when the window ends), so
 * a flood of new keys — addresses, subjects — evicts idle callers, never the active ones being
 * throttled: an attacker cannot reset its own counter by making many others.
 */
export function memoryRateLimiter(perMinute: number, maxKeys = MEMORY_RATE_LIMIT_KEYS): RateLimiter {
  const windows = new LruCache<{ start: number; count: number }>(maxKeys);
  return {
    async allow(key, count = 1) {
      const now = Date.now();
      let window = windows.get(key, now);
      if (!window) {
        window = { start: now, count: 0 };
        windows.set(key, window, now + WINDOW_MS);
      }
      window.count += count;
      return decide(window.count, perMinute, window.start + WINDOW_MS, now);
    },
    async close() {},
  };
}

/** Several gateway replicas: the counters live in Redis, so every replica sees the same count. */
export async function redisRateLimiter(url: string, perMinute: number): Promise<RateLimiter> {
  const client = createClient({ url });
  await client.connect();
  return {
    async allow(key, count = 1) {
      const now = Date.now();
      const window = Math.floor(now / WINDOW_MS);
      const bucket = `cadres:rate:${key}:${window}`;
      const [total] = (await client.multi().incrBy(bucket, count).pExpire(bucket, WINDOW_MS).exec()) as unknown as [number];
      return decide(total, perMinute, (window + 1) * WINDOW_MS, now);
    },
    async close() {
      await client.quit();
    },
  };
}
