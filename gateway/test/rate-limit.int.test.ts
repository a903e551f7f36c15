import { randomUUID } from 'node:crypto';
import { memoryRateLimiter, redisRateLimiter } from '../src/rate-limit';

describe('the in-memory rate limiter', () => {
  it('allows the allowance per minute, then refuses, per client', async () => {
    const limiter = memoryRateLimiter(3);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.allow('client-a'));
    expect(results).toEqual([true, true, true, false]);
    expect(await limiter.allow('client-b')).toBe(true);
  });
});

// Redis runs on the CI machine; .ci/run sets REDIS_URL. Without it (a laptop), this part waits.
const withRedis = process.env.REDIS_URL ? describe : describe.skip;

withRedis('the Redis rate limiter', () => {
  it('shares one allowance between gateway replicas', async () => {
    const [replicaA, replicaB] = await Promise.all([redisRateLimiter(process.env.REDIS_URL!, 3), redisRateLimiter(process.env.REDIS_URL!, 3)]);
    try {
      const client = `client-${randomUUID()}`;
      const results = [await replicaA.allow(client), await replicaB.allow(client), await replicaA.allow(client), await replicaB.allow(client)];
      expect(results).toEqual([true, true, true, false]);
    } finally {
      await replicaA.close();
      await replicaB.close();
    }
  });
});
