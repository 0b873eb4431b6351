import { OnApplicationShutdown } from '@nestjs/common';
import { CacheKeyBuilder, CacheUnavailableException, RecordRef } from '@syncline/cache';
import Redis from 'ioredis';
import { CachedRecordJson } from '../types/cached-record-json.type';

/**
 * Reads records from the cache without parsing their data: field `d` already holds the record as
 * canonical JSON (written with JSON.stringify by RecordCacheRepository), so the API can pass it
 * through instead of parsing and re-serialising it per request. Same keys, fields and errors as
 * `RecordCacheRepository.getMany`, which it should join once libs/cache offers a raw read.
 *
 * It reads on its own connection (a copy of the shared client's settings) with auto-pipelining:
 * the reads of all requests in one event-loop turn go to Redis in one write, not one write each.
 */
export class RecordJsonReader implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(
    shared: Redis,
    private readonly keys: CacheKeyBuilder,
    connectionName: string,
  ) {
    this.redis = shared.duplicate({ connectionName, enableAutoPipelining: true });
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  /** One round trip; `undefined` where the cache has nothing. */
  async readMany(refs: readonly RecordRef[]): Promise<(CachedRecordJson | undefined)[]> {
    const keys = refs.map((ref) => this.keys.record(ref));
    if (keys.length === 1) {
      // A plain command: a one-command pipeline costs more than the command itself.
      const fields = await this.redis.hmget(keys[0], 'v', 'x', 'd').catch(unavailable);
      return [toCachedRecordJson(fields)];
    }
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.hmget(key, 'v', 'x', 'd');
    const results = await pipeline.exec().catch(unavailable);
    if (results === null) throw new CacheUnavailableException('redis pipeline was discarded');
    return results.map(([error, fields]) => {
      if (error) unavailable(error);
      return toCachedRecordJson(fields as (string | null)[]);
    });
  }
}

function toCachedRecordJson([version, tombstone, json]: (string | null)[]):
  CachedRecordJson | undefined {
  if (version === null) return undefined;
  if (tombstone === '1') return { deleted: true, version: Number(version) };
  return { deleted: false, version: Number(version), json: json ?? '{}' };
}

function unavailable(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  throw new CacheUnavailableException(`redis command failed: ${message}`, { cause: error });
}
