import { CacheUnavailableException, RecordCacheRepository } from '@syncline/cache';
import { RECONCILE_DEFAULTS } from '../constants/reconcile-defaults.constant';
import { CacheKeyEntry } from '../types/cache-key-entry.type';
import { errorMessage } from '../utils/error-message.util';
import { isCanonicalUuid } from '../utils/is-canonical-uuid.util';
import { rangeIndexOf } from '../utils/range-index-of.util';
import { RangeSummaries } from './range-summaries';

// Version reads kept in flight while the SCAN goes on: Redis is never idle waiting for us.
const READS_IN_FLIGHT = 4;

/**
 * The Redis side of a reconciliation: one SCAN over the records in scope (every entity at once:
 * SCAN walks the whole keyspace whatever the pattern, so one pass beats one per entity), with
 * versions read a page at a time by a script (a few bytes per key), pipelined behind the scan, in
 * bounded memory. Tombstones count as absent records.
 */
export class CacheManifestReader {
  constructor(
    private readonly cache: RecordCacheRepository,
    private readonly scanCount: number = RECONCILE_DEFAULTS.scanCount,
  ) {}

  /**
   * Summaries of live records at versions up to `watermark`, per entity and tenant, each at the
   * bucket depth `depthOf` gives (the Postgres side's, so that both compare bucket by bucket).
   */
  async summaries(
    entities: readonly string[],
    watermark: number,
    depthOf: (entity: string, tenant: string) => number,
    tenant?: string,
  ): Promise<Map<string, Map<string, RangeSummaries>>> {
    const byEntity = new Map(entities.map((entity) => [entity, new Map<string, RangeSummaries>()]));
    for await (const page of this.entries(entities, tenant)) {
      for (const entry of page) {
        if (entry.version > watermark) continue;
        const byTenant = byEntity.get(entry.entity) as Map<string, RangeSummaries>;
        let summaries = byTenant.get(entry.tenant);
        if (!summaries) {
          summaries = new RangeSummaries(depthOf(entry.entity, entry.tenant));
          byTenant.set(entry.tenant, summaries);
        }
        if (isCanonicalUuid(entry.id)) {
          summaries.add(rangeIndexOf(entry.id, summaries.depth), entry.version);
        } else {
          summaries.malformed += 1;
        }
      }
    }
    return byEntity;
  }

  /** Live records of these entities (of one tenant, or all), page by page. */
  async *entries(entities: readonly string[], tenant?: string): AsyncGenerator<CacheKeyEntry[]> {
    const keys = this.cache.keys;
    const wanted = new Set(entities);
    const pattern =
      entities.length === 1
        ? keys.entityPattern(entities[0], tenant)
        : tenant === undefined
          ? keys.allRecordsPattern()
          : keys.tenantPattern(tenant);
    const stamped = async (found: string[]): Promise<CacheKeyEntry[]> => {
      const stamps = await this.cache.stampsOfKeys(found);
      const page: CacheKeyEntry[] = [];
      found.forEach((key, index) => {
        const stamp = stamps[index];
        if (!stamp || stamp.deleted) return;
        try {
          const ref = keys.parseRecord(key);
          if (wanted.has(ref.entity) && (tenant === undefined || ref.tenant === tenant)) {
            page.push({ ...ref, version: stamp.version });
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
}
