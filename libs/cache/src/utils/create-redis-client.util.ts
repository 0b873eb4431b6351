import { Logger } from '@nestjs/common';
import { RedisConfig } from '@syncline/config';
import Redis from 'ioredis';

/**
 * A Redis client that fails a command after a few reconnect attempts instead of queueing it
 * forever: callers see `CacheUnavailableException` and retry with backoff (never half-done).
 * Connection errors are logged through the app's (JSON) logger, once per outage: without an
 * `error` listener ioredis prints "[ioredis] Unhandled error event" to stderr on every attempt.
 */
export function createRedisClient(config: RedisConfig, connectionName: string): Redis {
  const redis = new Redis(config.url.reveal(), {
    connectionName,
    maxRetriesPerRequest: 2,
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
  const logger = new Logger('Redis');
  let failing = false;
  redis.on('error', (error: Error) => {
    if (failing) return;
    failing = true;
    logger.error(`Redis connection "${connectionName}" failed, reconnecting: ${error.message}`);
  });
  redis.on('ready', () => {
    if (!failing) return;
    failing = false;
    logger.log(`Redis connection "${connectionName}" is back`);
  });
  return redis;
}
