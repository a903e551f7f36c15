import { LruCache } from '@cadres/core';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
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
  return count <= perMinute
    ? { allowed: true }
    : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now) / 1000)) };
}

/**
 * One gateway: counters in memory, per fixed one-minute window. Hand-written on purpose, not
 * rate-limiter-flexible's RateLimiterMemory: that one keeps every key it has seen until its window
 * ends, with no bound, so a flood of new keys (addresses, subjects) grows the gateway's memory
 * without limit; this one keeps at most `maxKeys`. Once `maxKeys` keys are counted,
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

/**
 * Several gateway replicas: the counters live in Redis, so every replica sees the same count. The
 * kept library, rate-limiter-flexible (one atomic Lua increment-and-expire per request), in place
 * of our own MULTI of INCRBY and PEXPIRE: measured alike (BENCHMARKS.md, "Kept libraries"), and
 * one less protocol of our own to keep right. A refusal says how long until the key's window ends.
 */
export async function redisRateLimiter(
  url: string,
  perMinute: number,
  keyPrefix = 'cadres:rate',
): Promise<RateLimiter> {
  const client = createClient({ url });
  await client.connect();
  const limiter = new RateLimiterRedis({
    storeClient: client,
    useRedisPackage: true,
    keyPrefix,
    points: perMinute,
    duration: WINDOW_MS / 1000,
  });
  return {
    async allow(key, count = 1) {
      try {
        await limiter.consume(key, count);
        return { allowed: true };
      } catch (refusal) {
        // The library refuses with a RateLimiterRes; anything else (Redis gone) is a failure.
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
      }
    },
    async close() {
      await client.quit();
    },
  };
}
