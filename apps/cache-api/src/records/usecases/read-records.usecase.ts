import { RecordCacheRepository } from '@syncline/cache';
import { CanonicalRecord, CollectionDefinition, recordIdOf } from '@syncline/records';
import { SourceRecordRepository } from '@syncline/source';
import { CacheApiMetrics } from '../../services/cache-api.metrics';
import { RecordJson } from '../types/record-json.type';
import { RecordView } from '../types/record-view.type';
import { recordViewJson } from '../utils/record-view-json.util';

/**
 * Reads from Redis; on a miss loads the row from Postgres and fills the cache through the version
 * guard, so a newer CDC write that lands meanwhile is never overwritten (and is what we return),
 * and a TRUNCATE logged after the read removes what it loaded. The version a lazy load claims is
 * safe on every collection (SourceRecordRepository.findManyPositioned): the version column, or a
 * WAL position read after share-locking the rows. Ids are canonical record ids (recordIdOf).
 * Records come back serialized: a cached record's JSON is passed through, never parsed.
 */
export class ReadRecordsUseCase {
  constructor(
    /** On the reads' own auto-pipelined connection (RecordReadsConnection). */
    private readonly reads: RecordCacheRepository,
    private readonly cache: RecordCacheRepository,
    private readonly source: SourceRecordRepository,
    private readonly metrics: CacheApiMetrics,
  ) {}

  async execute(
    collection: CollectionDefinition,
    tenant: string,
    ids: readonly string[],
  ): Promise<Map<string, RecordJson>> {
    const found = await this.readCached(collection, tenant, ids);
    // A tombstone is an answer too (the record is gone): only absent keys go to Postgres.
    const missing = ids.filter((id) => !found.has(id));
    const results = new Map<string, RecordJson>();
    for (const [id, record] of found) if (record) results.set(id, record);
    if (missing.length === 0) return results;

    const loaded = await this.source.findManyPositioned(collection, tenant, missing);
    this.metrics.lookups.inc(
      { entity: collection.name, result: 'not_found' },
      missing.length - loaded.length,
    );
    this.metrics.lookups.inc({ entity: collection.name, result: 'miss' }, loaded.length);
    if (loaded.length === 0) return results;
    const views = loaded.map(({ record, version }) => fromRow(tenant, collection, record, version));
    const outcomes = await this.cache.applyMany(
      // With the WAL position read with the rows: a TRUNCATE logged after it wins.
      views.map((view, index) => ({
        tenant,
        entity: collection.name,
        id: view.id,
        kind: 'upsert' as const,
        version: view.version,
        data: view.data,
        lsn: loaded[index].position,
        ttlSeconds: collection.ttlSeconds,
      })),
    );
    const stale: string[] = [];
    views.forEach((view, index) => {
      if (outcomes[index] === 'stale') stale.push(view.id);
      else results.set(view.id, toJson(view));
    });
    // The cache got something newer while we read Postgres: that is the answer.
    if (stale.length > 0) {
      for (const [id, record] of await this.readCached(collection, tenant, stale, false))
        if (record) results.set(id, record);
    }
    return results;
  }

  /** Cached records by id: serialized, `null` for a tombstone; absent ids are left out. */
  private async readCached(
    collection: CollectionDefinition,
    tenant: string,
    ids: readonly string[],
    counted = true,
  ): Promise<Map<string, RecordJson | null>> {
    const cached = await this.reads.getManyJson(
      ids.map((id) => ({ tenant, entity: collection.name, id })),
    );
    const found = new Map<string, RecordJson | null>();
    let hits = 0;
    let tombstones = 0;
    cached.forEach((record, index) => {
      if (record === undefined) return;
      const id = ids[index];
      if (record.deleted) {
        tombstones++;
        found.set(id, null);
      } else {
        hits++;
        const body = recordViewJson(tenant, collection.name, id, record.version, record.json);
        found.set(id, { version: record.version, body });
      }
    });
    // One increment per call, not per record.
    if (counted && hits > 0)
      this.metrics.lookups.inc({ entity: collection.name, result: 'hit' }, hits);
    if (counted && tombstones > 0)
      this.metrics.lookups.inc({ entity: collection.name, result: 'tombstone' }, tombstones);
    return found;
  }
}

function toJson(view: RecordView): RecordJson {
  return { version: view.version, body: JSON.stringify(view) };
}

export function fromRow(
  tenant: string,
  collection: CollectionDefinition,
  row: CanonicalRecord,
  version: number,
): RecordView {
  return { tenant, entity: collection.name, id: recordIdOf(collection, row), version, data: row };
}
