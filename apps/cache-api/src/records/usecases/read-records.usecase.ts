import { RecordCacheRepository } from '@syncline/cache';
import { CanonicalRecord, EntityDefinition } from '@syncline/records';
import { SourceRecordRepository } from '@syncline/source';
import { CacheApiMetrics } from '../../services/cache-api.metrics';
import { RecordJson } from '../types/record-json.type';
import { RecordView } from '../types/record-view.type';
import { recordViewJson } from '../utils/record-view-json.util';

/**
 * Reads from Redis; on a miss loads the row from Postgres and fills the cache through the version
 * guard, so a newer CDC write that lands meanwhile is never overwritten (and is what we return),
 * and a TRUNCATE logged after the read removes what it loaded.
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
    entity: EntityDefinition,
    tenant: string,
    ids: readonly string[],
  ): Promise<Map<string, RecordJson>> {
    const found = await this.readCached(entity, tenant, ids);
    // A tombstone is an answer too (the record is gone): only absent keys go to Postgres.
    const missing = ids.filter((id) => !found.has(id));
    const results = new Map<string, RecordJson>();
    for (const [id, record] of found) if (record) results.set(id, record);
    if (missing.length === 0) return results;

    const loaded = await this.source.findManyPositioned(entity, tenant, missing);
    const rows = loaded.map(({ record }) => record);
    this.metrics.lookups.inc(
      { entity: entity.name, result: 'not_found' },
      missing.length - rows.length,
    );
    this.metrics.lookups.inc({ entity: entity.name, result: 'miss' }, rows.length);
    if (rows.length === 0) return results;
    const outcomes = await this.cache.applyMany(
      // With the WAL position read with the rows: a TRUNCATE logged after it wins.
      loaded.map(({ record: row, position }) => ({
        tenant,
        entity: entity.name,
        id: row.id as string,
        kind: 'upsert' as const,
        version: row.version as number,
        data: row,
        lsn: position,
      })),
    );
    const stale: string[] = [];
    rows.forEach((row, index) => {
      const id = row.id as string;
      if (outcomes[index] === 'stale') stale.push(id);
      else results.set(id, toJson(fromRow(tenant, entity, row)));
    });
    // The cache got something newer while we read Postgres: that is the answer.
    if (stale.length > 0) {
      for (const [id, record] of await this.readCached(entity, tenant, stale, false))
        if (record) results.set(id, record);
    }
    return results;
  }

  /** Cached records by id: serialized, `null` for a tombstone; absent ids are left out. */
  private async readCached(
    entity: EntityDefinition,
    tenant: string,
    ids: readonly string[],
    counted = true,
  ): Promise<Map<string, RecordJson | null>> {
    const cached = await this.reads.getManyJson(
      ids.map((id) => ({ tenant, entity: entity.name, id })),
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
        const body = recordViewJson(tenant, entity.name, id, record.version, record.json);
        found.set(id, { version: record.version, body });
      }
    });
    // One increment per call, not per record.
    if (counted && hits > 0) this.metrics.lookups.inc({ entity: entity.name, result: 'hit' }, hits);
    if (counted && tombstones > 0)
      this.metrics.lookups.inc({ entity: entity.name, result: 'tombstone' }, tombstones);
    return found;
  }
}

function toJson(view: RecordView): RecordJson {
  return { version: view.version, body: JSON.stringify(view) };
}

export function fromRow(
  tenant: string,
  entity: EntityDefinition,
  row: CanonicalRecord,
): RecordView {
  return {
    tenant,
    entity: entity.name,
    id: row.id as string,
    version: row.version as number,
    data: row,
  };
}
