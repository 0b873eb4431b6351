import Redis, { ChainableCommander } from 'ioredis';
import { CACHE_DEFAULTS } from '../constants/cache-defaults.constant';
import { CacheUnavailableException } from '../exceptions/cache-unavailable.exception';
import {
  APPLY_RECORDS_LUA,
  CLEAR_TRUNCATED_LUA,
  RAISE_TRUNCATE_MARKER_LUA,
} from '../scripts/apply-record.lua';
import { READ_RECORD_STAMPS_LUA } from '../scripts/read-record-stamps.lua';
import { CacheWrite } from '../types/cache-write.type';
import { CachedRecord } from '../types/cached-record.type';
import { CachedRecordJson } from '../types/cached-record-json.type';
import { RecordRef } from '../types/record-ref.type';
import { RecordStamp } from '../types/record-stamp.type';
import { WriteOutcome } from '../types/write-outcome.type';
import { CacheKeyBuilder } from './cache-key.builder';

type RedisWithScripts = Redis & {
  applyRecords(numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<number[]>;
  raiseTruncateMarker(key: string, lsn: number): Promise<number>;
  clearTruncated(numberOfKeys: number, ...keysThenLsn: (string | number)[]): Promise<number>;
};

type PipelineWithStamps = ChainableCommander & {
  readRecordStamps(numberOfKeys: number, ...keys: string[]): unknown;
};

// Records per script call: big enough to amortise the call, small enough to keep Redis responsive.
const APPLY_CHUNK = 500;
// Keys per stamp-reading script call (reads only, a few bytes each).
const STAMP_CHUNK = 1000;

/**
 * Records in Redis, one hash per record (`v` version, `x` tombstone flag, `d` canonical JSON,
 * `l` the WAL position of the change that wrote it, 0 when not from CDC).
 * Every write goes through the version guard; batches are pipelined into one round trip.
 */
export class RecordCacheRepository {
  private readonly redis: RedisWithScripts;

  constructor(
    redis: Redis,
    readonly keys: CacheKeyBuilder = new CacheKeyBuilder(),
    private readonly tombstoneTtlMs: number = CACHE_DEFAULTS.tombstoneTtlMs,
  ) {
    if (!('applyRecords' in redis)) {
      redis.defineCommand('applyRecords', { lua: APPLY_RECORDS_LUA });
      redis.defineCommand('raiseTruncateMarker', {
        numberOfKeys: 1,
        lua: RAISE_TRUNCATE_MARKER_LUA,
      });
      redis.defineCommand('clearTruncated', { lua: CLEAR_TRUNCATED_LUA });
    }
    if (!('readRecordStamps' in redis)) {
      redis.defineCommand('readRecordStamps', { lua: READ_RECORD_STAMPS_LUA });
    }
    this.redis = redis as RedisWithScripts;
  }

  async apply(write: CacheWrite): Promise<WriteOutcome> {
    const [outcome] = await this.applyMany([write]);
    return outcome;
  }

  /** Applies writes in as few round trips as possible; outcomes come back in `writes` order. */
  async applyMany(writes: readonly CacheWrite[]): Promise<WriteOutcome[]> {
    if (writes.length === 0) return [];
    const pipeline = this.redis.pipeline() as ChainableCommander & {
      applyRecords(numberOfKeys: number, ...keysThenArgs: (string | number)[]): unknown;
    };
    for (let start = 0; start < writes.length; start += APPLY_CHUNK) {
      const chunk = writes.slice(start, start + APPLY_CHUNK);
      const keys: string[] = [];
      const args: (string | number)[] = [this.tombstoneTtlMs];
      for (const write of chunk) {
        keys.push(this.keys.record(write), this.keys.truncateMarker(write.entity));
        const json = write.kind === 'upsert' ? JSON.stringify(write.data) : '';
        const ttlSeconds =
          write.kind === 'upsert' ? Math.max(0, Math.floor(write.ttlSeconds ?? 0)) : 0;
        args.push(
          write.version,
          write.kind === 'delete' ? '1' : '0',
          json,
          write.lsn ?? 0,
          ttlSeconds,
        );
      }
      pipeline.applyRecords(keys.length, ...keys, ...args);
    }
    const chunks = (await this.exec(pipeline)) as number[][];
    return chunks
      .flat()
      .map((result) => (result === 1 ? 'applied' : result === 2 ? 'duplicate' : 'stale'));
  }

  async get(ref: RecordRef): Promise<CachedRecord | undefined> {
    const [record] = await this.getMany([ref]);
    return record;
  }

  /** Reads many records in one round trip; `undefined` where the cache has nothing. */
  async getMany(refs: readonly RecordRef[]): Promise<(CachedRecord | undefined)[]> {
    const stored = await this.getManyJson(refs);
    return stored.map((record, index) => {
      if (record === undefined) return undefined;
      const { tenant, entity, id } = refs[index];
      return record.deleted
        ? { tenant, entity, id, version: record.version, deleted: true }
        : {
            tenant,
            entity,
            id,
            version: record.version,
            deleted: false,
            data: JSON.parse(record.json) as Record<string, unknown>,
          };
    });
  }

  /** The same with the data left as its stored JSON (nothing parsed). */
  async getManyJson(refs: readonly RecordRef[]): Promise<(CachedRecordJson | undefined)[]> {
    if (refs.length === 0) return [];
    if (refs.length === 1) {
      // A plain command: for one key, a pipeline costs more than the command itself.
      const key = this.keys.record(refs[0]); // an unsafe key part throws here, not retriable
      let fields: (string | null)[];
      try {
        fields = await this.redis.hmget(key, 'v', 'x', 'd');
      } catch (error) {
        throw unavailable(error);
      }
      return [toCachedRecordJson(fields)];
    }
    const pipeline = this.redis.pipeline();
    for (const ref of refs) pipeline.hmget(this.keys.record(ref), 'v', 'x', 'd');
    const results = (await this.exec(pipeline)) as (string | null)[][];
    return results.map(toCachedRecordJson);
  }

  /** Version and tombstone flag of many records (a manifest), in one round trip. */
  async stamps(refs: readonly RecordRef[]): Promise<(RecordStamp | undefined)[]> {
    return this.stampsOfKeys(refs.map((ref) => this.keys.record(ref)));
  }

  /** The same for record keys as `scan` yields them; `undefined` where a key does not exist. */
  async stampsOfKeys(keys: readonly string[]): Promise<(RecordStamp | undefined)[]> {
    if (keys.length === 0) return [];
    const pipeline = this.redis.pipeline() as PipelineWithStamps;
    for (let start = 0; start < keys.length; start += STAMP_CHUNK) {
      const chunk = keys.slice(start, start + STAMP_CHUNK);
      pipeline.readRecordStamps(chunk.length, ...chunk);
    }
    const chunks = (await this.exec(pipeline)) as (string | null)[][];
    const stamps: (RecordStamp | undefined)[] = [];
    for (const chunk of chunks) {
      for (const stamp of chunk) {
        if (stamp === null) stamps.push(undefined);
        else if (stamp.startsWith('-'))
          stamps.push({ version: Number(stamp.slice(1)), deleted: true });
        else stamps.push({ version: Number(stamp), deleted: false });
      }
    }
    return stamps;
  }

  /** Removes every record of an entity, optionally for one tenant only. */
  async clearEntity(entity: string, tenant?: string): Promise<number> {
    let removed = 0;
    try {
      for await (const keys of this.scan(this.keys.entityPattern(entity, tenant))) {
        if (keys.length > 0) removed += await this.redis.unlink(...keys);
      }
    } catch (error) {
      throw new CacheUnavailableException('could not clear the entity', { cause: error });
    }
    return removed;
  }

  /**
   * A TRUNCATE at `lsn`: first raise the entity's marker, so that no change logged before it can
   * be written from now on (whichever partition it arrives on, however late), then remove the
   * records it wiped out; records already written from later changes stay. Returns the count.
   */
  async truncateEntity(entity: string, lsn: number): Promise<number> {
    let removed = 0;
    try {
      await this.redis.raiseTruncateMarker(this.keys.truncateMarker(entity), lsn);
      for await (const keys of this.scan(this.keys.entityPattern(entity))) {
        if (keys.length > 0) removed += await this.redis.clearTruncated(keys.length, ...keys, lsn);
      }
    } catch (error) {
      throw new CacheUnavailableException('could not apply the truncate', { cause: error });
    }
    return removed;
  }

  /** Pages through keys matching a pattern, in bounded memory. */
  async *scan(pattern: string, count = 1000): AsyncGenerator<string[]> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      yield keys;
    } while (cursor !== '0');
  }

  private async exec(pipeline: ChainableCommander): Promise<unknown[]> {
    let results: [Error | null, unknown][] | null;
    try {
      results = await pipeline.exec();
    } catch (error) {
      throw new CacheUnavailableException('redis pipeline failed', { cause: error });
    }
    if (results === null) throw new CacheUnavailableException('redis pipeline was discarded');
    return results.map(([error, value]) => {
      if (error) throw unavailable(error);
      return value;
    });
  }
}

function toCachedRecordJson([version, tombstone, json]: (string | null)[]):
  CachedRecordJson | undefined {
  if (version === null) return undefined;
  if (tombstone === '1') return { deleted: true, version: Number(version) };
  return { deleted: false, version: Number(version), json: json ?? '{}' };
}

function unavailable(error: unknown): CacheUnavailableException {
  const message = error instanceof Error ? error.message : String(error);
  return new CacheUnavailableException(`redis command failed: ${message}`, { cause: error });
}
