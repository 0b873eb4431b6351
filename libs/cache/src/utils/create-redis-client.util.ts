import { RedisConfig } from '@syncline/config';
import Redis from 'ioredis';

/**
 * A Redis client that fails a command after a few reconnect attempts instead of queueing it
 * forever: callers see `CacheUnavailableException` and retry with backoff (never half-done).
 */
export function createRedisClient(config: RedisConfig, connectionName: string): Redis {
  return new Redis(config.url.reveal(), {
    connectionName,
    maxRetriesPerRequest: 2,
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
}
