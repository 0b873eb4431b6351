import { CachedRecord, RecordCacheRepository } from '@syncline/cache';
import { CanonicalRecord, EntityDefinition } from '@syncline/records';
import { SourceRecordRepository } from '@syncline/source';
import { CacheApiMetrics } from '../../services/cache-api.metrics';
import { RecordView } from '../types/record-view.type';

/**
 * Reads from Redis; on a miss loads the row from Postgres and fills the cache through the version
 * guard, so a newer CDC write that lands meanwhile is never overwritten (and is what we return).
 */
export class ReadRecordsUseCase {
  constructor(
    private readonly cache: RecordCacheRepository,
    private readonly source: SourceRecordRepository,
    private readonly metrics: CacheApiMetrics,
  ) {}

  async execute(
    entity: EntityDefinition,
    tenant: string,
    ids: readonly string[],
  ): Promise<Map<string, RecordView>> {
    const refs = ids.map((id) => ({ tenant, entity: entity.name, id }));
    const cached = await this.cache.getMany(refs);
    const found = new Map<string, RecordView>();
    const missing: string[] = [];
    cached.forEach((record, index) => {
      if (record === undefined) missing.push(ids[index]);
      else if (record.deleted)
        this.metrics.lookups.inc({ entity: entity.name, result: 'tombstone' });
      else {
        this.metrics.lookups.inc({ entity: entity.name, result: 'hit' });
        found.set(record.id, toView(record));
      }
    });
    if (missing.length === 0) return found;

    const rows = await this.source.findMany(entity, tenant, missing);
    this.metrics.lookups.inc(
      { entity: entity.name, result: 'not_found' },
      missing.length - rows.length,
    );
    this.metrics.lookups.inc({ entity: entity.name, result: 'miss' }, rows.length);
    if (rows.length === 0) return found;
    const outcomes = await this.cache.applyMany(
      rows.map((row) => ({
        tenant,
        entity: entity.name,
        id: row.id as string,
        kind: 'upsert' as const,
        version: row.version as number,
        data: row,
      })),
    );
    const stale = rows.filter((_, index) => outcomes[index] === 'stale');
    for (const row of rows.filter((_, index) => outcomes[index] !== 'stale'))
      found.set(row.id as string, fromRow(tenant, entity, row));
    // The cache got something newer while we read Postgres: that is the answer.
    if (stale.length > 0) {
      const newer = await this.cache.getMany(
        stale.map((row) => ({ tenant, entity: entity.name, id: row.id as string })),
      );
      for (const record of newer)
        if (record && !record.deleted) found.set(record.id, toView(record));
    }
    return found;
  }
}

function toView(record: Extract<CachedRecord, { deleted: false }>): RecordView {
  return {
    tenant: record.tenant,
    entity: record.entity,
    id: record.id,
    version: record.version,
    data: record.data,
  };
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
