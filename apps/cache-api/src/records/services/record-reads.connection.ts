import { OnApplicationShutdown } from '@nestjs/common';
import {
  CacheKeyBuilder,
  duplicateRedisClient,
  RecordCacheRepository,
  RedisClient,
} from '@syncline/cache';

/**
 * The cache-api's reads: the cache repository on a connection of their own (a copy of the shared
 * client's settings, auto-pipelining like it), so the reads of all requests in one event-loop turn
 * go to each Redis node in one write, and never queue behind write-through scripts.
 */
export class RecordReadsConnection implements OnApplicationShutdown {
  readonly cache: RecordCacheRepository;
  private readonly redis: RedisClient;

  constructor(shared: RedisClient, keys: CacheKeyBuilder, connectionName: string) {
    this.redis = duplicateRedisClient(shared, connectionName);
    this.cache = new RecordCacheRepository(this.redis, keys);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
