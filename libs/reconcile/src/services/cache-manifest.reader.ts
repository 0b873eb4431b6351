import {
  CacheUnavailableException,
  RecordCacheRepository,
  pipelinedByNode,
  RedisClient,
  scriptGroups,
} from '@syncline/cache';
import { ChainableCommander } from 'ioredis';
import { RECONCILE_DEFAULTS } from '../constants/reconcile-defaults.constant';
import { READ_CONTENT_STAMPS_LUA } from '../scripts/read-content-stamps.lua';
import { CacheKeyEntry } from '../types/cache-key-entry.type';
import { bucketOf } from '../utils/bucket-of.util';
import { digestPart } from '../utils/content-digest.util';
import { errorMessage } from '../utils/error-message.util';
import { RangeSummaries } from './range-summaries';

// Stamp reads kept in flight while the SCAN goes on: RedisClient is never idle waiting for us.
const READS_IN_FLIGHT = 4;
// Keys per stamp-reading script call.
const STAMP_CHUNK = 500;

type PipelineWithStamps = ChainableCommander & {
  readContentStamps(numberOfKeys: number, ...keys: string[]): unknown;
};

/**
 * The Redis side of a reconciliation: one SCAN over the records in scope (every collection at
 * once: SCAN walks the whole keyspace whatever the pattern, so one pass beats one per
 * collection), with versions and content digests computed in Redis a page at a time (a few
 * dozen bytes per key), pipelined behind the scan, in bounded memory. Tombstones count as absent.
 */
export class CacheManifestReader {
  constructor(
    private readonly cache: RecordCacheRepository,
    redis: RedisClient,
    private readonly scanCount: number = RECONCILE_DEFAULTS.scanCount,
  ) {
    if (!('readContentStamps' in redis)) {
      redis.defineCommand('readContentStamps', { lua: READ_CONTENT_STAMPS_LUA });
    }
    this.redis = redis;
  }

  private readonly redis: RedisClient;

  /**
   * Summaries of live records per collection and tenant, each at the bucket depth `depthOf`
   * gives (the Postgres side's, so that both compare bucket by bucket). Versions count only for
   * `versioned` collections (a version column: WAL positions have no Postgres counterpart).
   */
  async summaries(
    collections: readonly { name: string; versioned: boolean }[],
    depthOf: (entity: string, tenant: string) => number,
    tenant?: string,
  ): Promise<Map<string, Map<string, RangeSummaries>>> {
    const byEntity = new Map(
      collections.map(({ name }) => [name, new Map<string, RangeSummaries>()]),
    );
    const versioned = new Set(collections.filter((c) => c.versioned).map(({ name }) => name));
    for await (const page of this.entries(
      collections.map(({ name }) => name),
      tenant,
    )) {
      for (const entry of page) {
        const byTenant = byEntity.get(entry.entity) as Map<string, RangeSummaries>;
        let summaries = byTenant.get(entry.tenant);
        if (!summaries) {
          summaries = new RangeSummaries(depthOf(entry.entity, entry.tenant));
          byTenant.set(entry.tenant, summaries);
        }
        summaries.add(
          bucketOf(entry.id, summaries.depth),
          versioned.has(entry.entity) ? entry.version : 0,
          digestPart(entry.digest),
        );
      }
    }
    return byEntity;
  }

  /** Live records of these collections (of one tenant, or all; those `keep` keeps), page by page. */
  async *entries(
    entities: readonly string[],
    tenant?: string,
    keep: (entry: CacheKeyEntry) => boolean = () => true,
  ): AsyncGenerator<CacheKeyEntry[]> {
    const keys = this.cache.keys;
    const wanted = new Set(entities);
    const pattern =
      entities.length === 1
        ? keys.entityPattern(entities[0], tenant)
        : tenant === undefined
          ? keys.allRecordsPattern()
          : keys.tenantPattern(tenant);
    const stamped = async (found: string[]): Promise<CacheKeyEntry[]> => {
      const stamps = await this.contentStamps(found);
      const page: CacheKeyEntry[] = [];
      found.forEach((key, index) => {
        const stamp = stamps[index];
        if (stamp === null || stamp.startsWith('-')) return;
        try {
          const ref = keys.parseRecord(key);
          if (wanted.has(ref.entity) && (tenant === undefined || ref.tenant === tenant)) {
            const colon = stamp.indexOf(':');
            const entry = {
              ...ref,
              version: Number(stamp.slice(0, colon)),
              digest: stamp.slice(colon + 1),
            };
            if (keep(entry)) page.push(entry);
          }
        } catch {
          // Not a record key of this layout: no row can match it, and nothing can repair it.
        }
      });
      return page;
    };
    const scan = this.cache.scan(pattern, this.scanCount);
    const pending: Promise<CacheKeyEntry[]>[] = [];
    for (;;) {
      let next: IteratorResult<string[]>;
      try {
        next = await scan.next();
      } catch (error) {
        throw new CacheUnavailableException(`redis scan failed: ${errorMessage(error)}`, {
          cause: error,
        });
      }
      if (next.done) break;
      if (next.value.length === 0) continue;
      const read = stamped(next.value);
      // A failed read surfaces when its turn comes; it must not count as unhandled meanwhile.
      read.catch(() => undefined);
      pending.push(read);
      if (pending.length >= READS_IN_FLIGHT) {
        const page = await (pending.shift() as Promise<CacheKeyEntry[]>);
        if (page.length > 0) yield page;
      }
    }
    while (pending.length > 0) {
      const page = await (pending.shift() as Promise<CacheKeyEntry[]>);
      if (page.length > 0) yield page;
    }
  }

  private async contentStamps(keys: readonly string[]): Promise<(string | null)[]> {
    // One script call per hash slot group (a cluster refuses cross-slot scripts), one pipeline per node.
    const groups = scriptGroups(this.redis, keys, (key) => key, STAMP_CHUNK);
    let results: (string | null)[][];
    try {
      results = (await pipelinedByNode(
        this.redis,
        groups.map((group) => ({
          key: group[0],
          add: (pipeline) =>
            (pipeline as PipelineWithStamps).readContentStamps(group.length, ...group),
        })),
      )) as (string | null)[][];
    } catch (error) {
      throw new CacheUnavailableException(`redis command failed: ${errorMessage(error)}`, {
        cause: error,
      });
    }
    // Groups may reorder keys (by slot): answer in the order asked.
    const byKey = new Map<string, string | null>();
    groups.forEach((group, g) => group.forEach((key, i) => byKey.set(key, results[g][i])));
    return keys.map((key) => byKey.get(key) ?? null);
  }
}
