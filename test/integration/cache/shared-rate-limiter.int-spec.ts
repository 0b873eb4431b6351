import { randomUUID } from 'node:crypto';
import { CacheKeyBuilder, SharedRateLimiter } from '@syncline/cache';
import { stackEnv } from '../support/stack-env';
import { removeKeys, testRedis } from '../support/test-redis';

const env = stackEnv();
const namespace = `t-rl-${randomUUID().slice(0, 8)}`;
const redis = testRedis(env);
const replicas = [
  new SharedRateLimiter(redis, new CacheKeyBuilder(namespace)),
  new SharedRateLimiter(testRedis(env), new CacheKeyBuilder(namespace)),
];

afterAll(async () => {
  await removeKeys(redis, `${namespace}:*`);
  redis.disconnect();
});

describe(SharedRateLimiter.name, () => {
  it('grants exactly the window allowance across replicas, then says how long to wait', async () => {
    const destination = randomUUID();
    const limit = { requestsPerInterval: 5, intervalMs: 2000 };
    const decisions = await Promise.all(
      Array.from({ length: 12 }, (_, i) => replicas[i % 2].tryAcquire(destination, limit)),
    );
    expect(decisions.filter((d) => d.granted)).toHaveLength(5);
    const refused = decisions.filter((d) => !d.granted);
    expect(refused).toHaveLength(7);
    for (const decision of refused) {
      expect(decision).toMatchObject({ granted: false, reason: 'window' });
      if (!decision.granted) expect(decision.waitMs).toBeLessThanOrEqual(2200); // window + guard band
    }
  });

  it('counts a rolling window: slots come back as old calls age out', async () => {
    const destination = randomUUID();
    const limit = { requestsPerInterval: 2, intervalMs: 300 };
    expect((await replicas[0].tryAcquire(destination, limit)).granted).toBe(true);
    expect((await replicas[1].tryAcquire(destination, limit)).granted).toBe(true);
    expect((await replicas[0].tryAcquire(destination, limit)).granted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 450)); // the window plus the limiter's guard band
    expect((await replicas[1].tryAcquire(destination, limit)).granted).toBe(true);
  });

  it('enforces a daily allowance', async () => {
    const destination = randomUUID();
    const limit = { requestsPerInterval: 100, intervalMs: 1000, dailyLimit: 3 };
    const decisions = [];
    for (let i = 0; i < 4; i++)
      decisions.push(await replicas[i % 2].tryAcquire(destination, limit));
    expect(decisions.map((d) => d.granted)).toEqual([true, true, true, false]);
    expect(decisions[3]).toMatchObject({ reason: 'daily' });
  });

  it('holds a destination off on every replica after a 429, and never shortens a hold', async () => {
    const destination = randomUUID();
    const limit = { requestsPerInterval: 100, intervalMs: 1000 };
    await replicas[0].holdOff(destination, 5000);
    await replicas[1].holdOff(destination, 100);
    const decision = await replicas[1].tryAcquire(destination, limit);
    expect(decision).toMatchObject({ granted: false, reason: 'blocked' });
    if (!decision.granted) expect(decision.waitMs).toBeGreaterThan(4000);
  });
});
