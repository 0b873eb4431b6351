import { randomUUID } from 'node:crypto';
import { CacheKeyBuilder, RecordCacheRepository } from '@syncline/cache';
import { CollectionRegistry } from '@syncline/records';
import { Pool } from 'pg';
import { stackEnv } from './stack-env';
import { testRedis } from './test-redis';

/** Clients on the test stack, plus a private cache namespace and consumer group for one test file. */
export function testClients(label: string) {
  const env = stackEnv();
  const suffix = randomUUID().slice(0, 8);
  const namespace = `t-${label}-${suffix}`;
  const redis = testRedis(env, `test-${label}`);
  const pool = new Pool({
    host: env.SYNCLINE_PG_HOST,
    port: Number(env.SYNCLINE_PG_PORT),
    database: env.SYNCLINE_PG_DATABASE,
    user: env.SYNCLINE_PG_USER,
    password: env.SYNCLINE_PG_PASSWORD,
  });
  const keys = new CacheKeyBuilder(namespace);
  let registry: Promise<CollectionRegistry> | undefined;
  return {
    env,
    redis,
    pool,
    keys,
    cache: new RecordCacheRepository(redis, keys),
    /** Environment for an app process of this test: own namespace, group and topic-safe names. */
    appEnv: (extra: Record<string, string> = {}): Record<string, string> => ({
      ...env,
      SYNCLINE_CACHE_NAMESPACE: namespace,
      SYNCLINE_SYNC_GROUP_ID: `sync-${label}-${suffix}`,
      SYNCLINE_LOG_LEVEL: 'info',
      ...extra,
    }),
    tenant: (name = 'tenant') => `${name}-${suffix}`,
    /** The stack's collections (its collections config and the catalog), loaded once per file. */
    collections: (): Promise<CollectionRegistry> =>
      (registry ??= CollectionRegistry.load({
        pool,
        publication: env.SYNCLINE_PUBLICATION ?? 'syncline_cdc',
        configFile: env.SYNCLINE_COLLECTIONS_FILE,
      })),
    async close(): Promise<void> {
      redis.disconnect();
      await pool.end();
    },
  };
}
