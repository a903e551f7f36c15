import { createClient } from 'redis';

export interface RateLimiter {
  /** Counts a request for `key`; false once the key has used its allowance this minute. */
  allow(key: string): Promise<boolean>;
  close(): Promise<void>;
}

const WINDOW_MS = 60_000;

/** One gateway: counters in memory, per fixed one-minute window. */
export function memoryRateLimiter(perMinute: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async allow(key) {
      const now = Date.now();
      const window = windows.get(key);
      if (!window || now - window.start >= WINDOW_MS) {
        if (windows.size > 100_000) windows.clear();
        windows.set(key, { start: now, count: 1 });
        return true;
      }
      window.count += 1;
      return window.count <= perMinute;
    },
    async close() {},
  };
}

/** Several gateway replicas: the counters live in Redis, so every replica sees the same count. */
export async function redisRateLimiter(url: string, perMinute: number): Promise<RateLimiter> {
  const client = createClient({ url });
  await client.connect();
  return {
    async allow(key) {
      const bucket = `cadres:rate:${key}:${Math.floor(Date.now() / WINDOW_MS)}`;
      const [count] = (await client.multi().incr(bucket).pExpire(bucket, WINDOW_MS).exec()) as unknown as [number];
      return count <= perMinute;
    },
    async close() {
      await client.quit();
    },
  };
}
