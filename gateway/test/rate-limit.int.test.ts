import { randomUUID } from 'node:crypto';
import { memoryRateLimiter, redisRateLimiter, type RateDecision } from '../src/rate-limit';

const allowed = (decisions: RateDecision[]) => decisions.map((d) => d.allowed);

describe('the in-memory rate limiter', () => {
  it('allows the allowance per minute, then refuses, per client, saying when to retry', async () => {
    const limiter = memoryRateLimiter(3);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.allow('client-a'));
    expect(allowed(results)).toEqual([true, true, true, false]);
    // The window opened just now: the client may retry in about a minute, never in 0 s.
    const refusal = results[3] as { retryAfterSeconds: number };
    expect(refusal.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(refusal.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await limiter.allow('client-b')).allowed).toBe(true);
  });

  it('keeps deployments with their own key prefix apart on one Redis', async () => {
    const prefix = `cadres:rate:test-${randomUUID()}`;
    const [deploymentA, deploymentB] = await Promise.all([
      redisRateLimiter(process.env.REDIS_URL!, 2, `${prefix}:a`),
      redisRateLimiter(process.env.REDIS_URL!, 2, `${prefix}:b`),
    ]);
    try {
      const client = `client-${randomUUID()}`;
      expect(allowed([await deploymentA.allow(client, 2), await deploymentA.allow(client)])).toEqual([true, false]);
      // The same caller on the other deployment still has its whole allowance.
      expect(allowed([await deploymentB.allow(client, 2), await deploymentB.allow(client)])).toEqual([true, false]);
    } finally {
      await deploymentA.close();
      await deploymentB.close();
    }
  });

  it('counts each operation of a batch', async () => {
    const limiter = memoryRateLimiter(4);
    expect(
      allowed([await limiter.allow('batcher', 3), await limiter.allow('batcher'), await limiter.allow('batcher')]),
    ).toEqual([true, true, false]);
    expect((await limiter.allow('other', 5)).allowed).toBe(false);
  });

  it('forgets the least recently seen clients when full, never the one being throttled', async () => {
    const limiter = memoryRateLimiter(2, 3);
    for (let i = 0; i < 3; i++) await limiter.allow('hammering');
    // New keys fill the limiter; the throttled client keeps coming back, so it stays counted.
    for (let i = 0; i < 50; i++) {
      await limiter.allow(`flood-${i}`);
      expect({ i, allowed: (await limiter.allow('hammering')).allowed }).toEqual({ i, allowed: false });
    }
    // A client unseen while three others came is the one forgotten: it starts afresh.
    await limiter.allow('idle');
    await limiter.allow('idle');
    expect((await limiter.allow('idle')).allowed).toBe(false);
    for (const other of ['x', 'y', 'z']) await limiter.allow(other);
    expect((await limiter.allow('idle')).allowed).toBe(true);
  });
});

// Redis runs on the CI machine; .ci/run sets REDIS_URL. Without it (a laptop), this part waits.
const withRedis = process.env.REDIS_URL ? describe : describe.skip;

withRedis('the Redis rate limiter', () => {
  it('shares one allowance between gateway replicas, and says when to retry', async () => {
    const [replicaA, replicaB] = await Promise.all([
      redisRateLimiter(process.env.REDIS_URL!, 3),
      redisRateLimiter(process.env.REDIS_URL!, 3),
    ]);
    try {
      const client = `client-${randomUUID()}`;
      const results = [
        await replicaA.allow(client),
        await replicaB.allow(client),
        await replicaA.allow(client),
        await replicaB.allow(client),
      ];
      expect(allowed(results)).toEqual([true, true, true, false]);
      // The window is the current minute: the retry comes at its end, within 60 s.
      const refusal = results[3] as { retryAfterSeconds: number };
      expect(refusal.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refusal.retryAfterSeconds).toBeLessThanOrEqual(60);
    } finally {
      await replicaA.close();
      await replicaB.close();
    }
  });

  it('keeps deployments with their own key prefix apart on one Redis', async () => {
    const prefix = `cadres:rate:test-${randomUUID()}`;
    const [deploymentA, deploymentB] = await Promise.all([
      redisRateLimiter(process.env.REDIS_URL!, 2, `${prefix}:a`),
      redisRateLimiter(process.env.REDIS_URL!, 2, `${prefix}:b`),
    ]);
    try {
      const client = `client-${randomUUID()}`;
      expect(allowed([await deploymentA.allow(client, 2), await deploymentA.allow(client)])).toEqual([true, false]);
      // The same caller on the other deployment still has its whole allowance.
      expect(allowed([await deploymentB.allow(client, 2), await deploymentB.allow(client)])).toEqual([true, false]);
    } finally {
      await deploymentA.close();
      await deploymentB.close();
    }
  });

  it('counts each operation of a batch', async () => {
    const limiter = await redisRateLimiter(process.env.REDIS_URL!, 4);
    try {
      const client = `batcher-${randomUUID()}`;
      // One window: rate-limiter-flexible starts a key's minute at its first call (not on the
      // clock's minute), and the key is new.
      expect(
        allowed([await limiter.allow(client, 3), await limiter.allow(client), await limiter.allow(client)]),
      ).toEqual([true, true, false]);
    } finally {
      await limiter.close();
    }
  });
});
