import { ChainableCommander } from 'ioredis';
import { CACHE_DEFAULTS } from '../constants/cache-defaults.constant';
import { REDIS_CONTRACT_VERSION } from '../constants/redis-contract.constant';
import { CacheUnavailableException } from '../exceptions/cache-unavailable.exception';
import {
  APPLY_RECORDS_LUA,
  CLEAR_TRUNCATED_LUA,
  RAISE_TRUNCATE_MARKERS_LUA,
} from '../scripts/apply-record.lua';
import { READ_RECORD_STAMPS_LUA } from '../scripts/read-record-stamps.lua';
import { CacheWrite } from '../types/cache-write.type';
import { CachedRecord } from '../types/cached-record.type';
import { CachedRecordJson } from '../types/cached-record-json.type';
import { RecordRef } from '../types/record-ref.type';
import { RecordStamp } from '../types/record-stamp.type';
import { RedisClient } from '../types/redis-client.type';
import { WriteOutcome } from '../types/write-outcome.type';
import { masterNodes } from '../utils/master-nodes.util';
import { pipelinedByNode, RoutedCommand } from '../utils/pipelined-by-node.util';
import { scriptGroups } from '../utils/script-groups.util';
import { CacheKeyBuilder } from './cache-key.builder';

type PipelineWithScripts = ChainableCommander & {
  applyRecords(numberOfKeys: number, ...keysThenArgs: (string | number)[]): unknown;
  raiseTruncateMarkers(numberOfKeys: number, ...keysThenLsn: (string | number)[]): unknown;
  clearTruncated(numberOfKeys: number, ...keysThenLsn: (string | number)[]): unknown;
  readRecordStamps(numberOfKeys: number, ...keys: string[]): unknown;
};

/** A script call over one group of keys (see scriptGroups), routed by its first key. */
function scriptCall(
  keys: readonly string[],
  call: (pipeline: PipelineWithScripts) => unknown,
): RoutedCommand {
  return { key: keys[0], add: (pipeline) => call(pipeline as PipelineWithScripts) };
}

// Records per script call: big enough to amortise the call, small enough to keep Redis responsive.
const APPLY_CHUNK = 500;
// Keys per stamp-reading or marker-raising script call (a few bytes each).
const KEY_CHUNK = 1000;

/**
 * Records in Redis, one hash per record (`v` version, `x` tombstone flag, `d` canonical JSON,
 * `l` the WAL position of the change that wrote it, 0 when not from CDC).
 * Every write goes through the version guard. Works the same on one instance and on a cluster:
 * batches become script calls per hash slot group (scriptGroups), sent in one pipeline per node
 * (pipelinedByNode).
 */
export class RecordCacheRepository {
  private readonly redis: RedisClient;

  constructor(
    redis: RedisClient,
    readonly keys: CacheKeyBuilder = new CacheKeyBuilder(),
    private readonly tombstoneTtlMs: number = CACHE_DEFAULTS.tombstoneTtlMs,
  ) {
    if (!('applyRecords' in redis)) {
      redis.defineCommand('applyRecords', { lua: APPLY_RECORDS_LUA });
      redis.defineCommand('raiseTruncateMarkers', { lua: RAISE_TRUNCATE_MARKERS_LUA });
      redis.defineCommand('clearTruncated', { lua: CLEAR_TRUNCATED_LUA });
    }
    if (!('readRecordStamps' in redis)) {
      redis.defineCommand('readRecordStamps', { lua: READ_RECORD_STAMPS_LUA });
    }
    this.redis = redis;
  }

  async apply(write: CacheWrite): Promise<WriteOutcome> {
    const [outcome] = await this.applyMany([write]);
    return outcome;
  }

  /** Applies writes in as few round trips as possible; outcomes come back in `writes` order. */
  async applyMany(writes: readonly CacheWrite[]): Promise<WriteOutcome[]> {
    if (writes.length === 0) return [];
    const keyed = writes.map((write, index) => ({ write, index, key: this.keys.record(write) }));
    const groups = scriptGroups(this.redis, keyed, ({ key }) => key, APPLY_CHUNK);
    const results = (await this.batch(
      groups.map((group) => {
        const keys: string[] = [];
        const args: (string | number)[] = [this.tombstoneTtlMs];
        for (const { write, key } of group) {
          keys.push(key, this.keys.truncateMarkerFor(write.entity, key));
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
        return scriptCall(keys, (p) => p.applyRecords(keys.length, ...keys, ...args));
      }),
    )) as number[][];
    const outcomes = new Array<WriteOutcome>(writes.length);
    groups.forEach((group, g) =>
      group.forEach(({ index }, i) => {
        const result = results[g][i];
        outcomes[index] = result === 1 ? 'applied' : result === 2 ? 'duplicate' : 'stale';
      }),
    );
    return outcomes;
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
    // One command per key, across slots: auto-pipelining sends them in one write per node.
    const keys = refs.map((ref) => this.keys.record(ref));
    const results = (await this.batch(
      keys.map((key) => ({ key, add: (pipeline) => pipeline.hmget(key, 'v', 'x', 'd') })),
    )) as (string | null)[][];
    return results.map(toCachedRecordJson);
  }

  /** Version and tombstone flag of many records (a manifest), in one round trip. */
  async stamps(refs: readonly RecordRef[]): Promise<(RecordStamp | undefined)[]> {
    return this.stampsOfKeys(refs.map((ref) => this.keys.record(ref)));
  }

  /** The same for record keys as `scan` yields them; `undefined` where a key does not exist. */
  async stampsOfKeys(keys: readonly string[]): Promise<(RecordStamp | undefined)[]> {
    if (keys.length === 0) return [];
    const groups = scriptGroups(this.redis, keys, (key) => key, KEY_CHUNK);
    const chunks = (await this.batch(
      groups.map((group) => scriptCall(group, (p) => p.readRecordStamps(group.length, ...group))),
    )) as (string | null)[][];
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
        const groups = scriptGroups(this.redis, keys, (key) => key, KEY_CHUNK);
        const counts = (await this.batch(
          groups.map((group) => ({ key: group[0], add: (pipeline) => pipeline.unlink(...group) })),
        )) as number[];
        removed += counts.reduce((sum, count) => sum + count, 0);
      }
    } catch (error) {
      throw new CacheUnavailableException('could not clear the entity', { cause: error });
    }
    return removed;
  }

  /**
   * A TRUNCATE at `lsn`: first raise the entity's markers (of every hash slot), so that no change
   * logged before it can be written from now on (whichever partition it arrives on, however
   * late), then remove the records it wiped out; records already written from later changes stay.
   * Returns the count.
   */
  async truncateEntity(entity: string, lsn: number): Promise<number> {
    let removed = 0;
    try {
      const markers = scriptGroups(
        this.redis,
        this.keys.truncateMarkers(entity),
        (k) => k,
        KEY_CHUNK,
      );
      await this.batch(
        markers.map((group) =>
          scriptCall(group, (p) => p.raiseTruncateMarkers(group.length, ...group, lsn)),
        ),
      );
      for await (const keys of this.scan(this.keys.entityPattern(entity))) {
        const groups = scriptGroups(this.redis, keys, (key) => key, KEY_CHUNK);
        const counts = (await this.batch(
          groups.map((group) =>
            scriptCall(group, (p) => p.clearTruncated(group.length, ...group, lsn)),
          ),
        )) as number[];
        removed += counts.reduce((sum, count) => sum + count, 0);
      }
    } catch (error) {
      throw new CacheUnavailableException('could not apply the truncate', { cause: error });
    }
    return removed;
  }

  /** Tells direct readers which Redis contract the stored records follow (`<ns>:contract`). */
  async publishContract(): Promise<void> {
    try {
      await this.redis.set(this.keys.contract(), String(REDIS_CONTRACT_VERSION));
    } catch (error) {
      throw unavailable(error);
    }
  }

  /**
   * Pages through the keys matching a pattern on every node that holds data (each master of a
   * cluster in turn), in bounded memory. A page holds keys of one node.
   */
  async *scan(pattern: string, count = 1000): AsyncGenerator<string[]> {
    for (const node of masterNodes(this.redis)) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
        cursor = next;
        yield keys;
      } while (cursor !== '0');
    }
  }

  /** One pipeline per node; any failure is the cache being unavailable (retriable). */
  private async batch(commands: readonly RoutedCommand[]): Promise<unknown[]> {
    try {
      return await pipelinedByNode(this.redis, commands);
    } catch (error) {
      throw unavailable(error);
    }
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
