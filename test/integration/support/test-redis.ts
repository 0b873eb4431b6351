import { createRedisClient, masterNodes, RedisClient } from '@syncline/cache';
import { loadConfig } from '@syncline/config';

/**
 * A Redis client for a test, on the topology the environment configures: the test stack's single
 * instance, or its Redis Cluster when SYNCLINE_REDIS_CLUSTER_NODES is set (CI's second pass).
 */
export function testRedis(env: Record<string, string | undefined>, name = 'test'): RedisClient {
  return createRedisClient(loadConfig(env).redis, name);
}

/** True when the tests run against the Redis Cluster. */
export function onRedisCluster(env: Record<string, string | undefined>): boolean {
  return (env.SYNCLINE_REDIS_CLUSTER_NODES ?? '').trim() !== '';
}

/** Removes keys one command each: they may live in different hash slots (a cluster). */
export async function unlinkEach(redis: RedisClient, keys: readonly string[]): Promise<number> {
  const counts = await Promise.all(keys.map((key) => redis.unlink(key)));
  return counts.reduce((sum, count) => sum + count, 0);
}

/** Removes every key matching a SCAN pattern, on every master. */
export async function removeKeys(redis: RedisClient, pattern: string): Promise<number> {
  let removed = 0;
  for (const node of masterNodes(redis)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      removed += await unlinkEach(redis, keys);
    } while (cursor !== '0');
  }
  return removed;
}
