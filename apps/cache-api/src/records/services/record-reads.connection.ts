import { OnApplicationShutdown } from '@nestjs/common';
import { CacheKeyBuilder, RecordCacheRepository } from '@syncline/cache';
import Redis from 'ioredis';

/**
 * The cache-api's reads: the cache repository on a connection of their own (a copy of the shared
 * client's settings) with auto-pipelining, so the reads of all requests in one event-loop turn go
 * to Redis in one write instead of one write each. Writes stay on the shared client.
 */
export class RecordReadsConnection implements OnApplicationShutdown {
  readonly cache: RecordCacheRepository;
  private readonly redis: Redis;

  constructor(shared: Redis, keys: CacheKeyBuilder, connectionName: string) {
    this.redis = shared.duplicate({ connectionName, enableAutoPipelining: true });
    this.cache = new RecordCacheRepository(this.redis, keys);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
