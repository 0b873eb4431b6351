import { Logger } from '@nestjs/common';
import { CacheWrite, RecordCacheRepository } from '@syncline/cache';
import { CollectionDefinition, CollectionRegistry, recordIdOf } from '@syncline/records';
import { PositionedRecord, SourceRecordRepository } from '@syncline/source';
import { WrittenRecord } from '../types/written-record.type';

/**
 * The one write path for records that do not come from CDC (the cache-api's write-through and
 * two-way sync's inbound changes): the Postgres transaction first (the source of truth), then the
 * version-guarded cache write at the version the transaction could claim (the version column, or
 * for a WAL-position collection the insert position read after the write inside its transaction,
 * which also serves the TRUNCATE rule). The CDC event of the same change arrives later at the same
 * or a lower version and is a no-op, and carries the change on to every destination. If the cache
 * write fails after the commit, the write still succeeded: the caller gets the committed result
 * (a retried create without a key would insert a second row), the failure is logged, and CDC
 * brings the cache up to date.
 */
export class RecordWriter {
  private readonly logger = new Logger(RecordWriter.name);

  constructor(
    private readonly collections: CollectionRegistry,
    private readonly source: SourceRecordRepository,
    private readonly cache: RecordCacheRepository,
  ) {}

  /** Validates `body` against the collection's create schema, inserts it, caches the row. */
  async create(
    collection: CollectionDefinition,
    tenant: string,
    body: unknown,
  ): Promise<WrittenRecord> {
    this.collections.validate(collection, body, 'create');
    const stored = await this.source.insert(collection, tenant, body as Record<string, unknown>);
    return this.upserted(collection, tenant, stored);
  }

  /**
   * Validates `body` against the update schema and applies it; with `expectedVersion`, only if the
   * row is still there (`VersionConflictException` otherwise). Undefined when there is no row.
   */
  async update(
    collection: CollectionDefinition,
    tenant: string,
    id: string,
    body: unknown,
    expectedVersion?: number,
  ): Promise<WrittenRecord | undefined> {
    this.collections.validate(collection, body, 'update');
    const updated = await this.source.update(
      collection,
      tenant,
      id,
      body as Record<string, unknown>,
      expectedVersion,
    );
    return updated && this.upserted(collection, tenant, updated);
  }

  /** Deletes the row and leaves a tombstone in the cache; false when there was no row. */
  async delete(
    collection: CollectionDefinition,
    tenant: string,
    id: string,
    expectedVersion?: number,
  ): Promise<boolean> {
    const deleted = await this.source.delete(collection, tenant, id, expectedVersion);
    if (deleted === undefined) return false;
    await this.applyAfterCommit({
      tenant,
      entity: collection.name,
      id,
      kind: 'delete',
      version: deleted.version,
      lsn: deleted.position,
    });
    return true;
  }

  private async upserted(
    collection: CollectionDefinition,
    tenant: string,
    stored: PositionedRecord,
  ): Promise<WrittenRecord> {
    const written: WrittenRecord = {
      tenant,
      entity: collection.name,
      id: recordIdOf(collection, stored.record),
      version: stored.version,
      data: stored.record,
    };
    await this.applyAfterCommit({
      tenant,
      entity: collection.name,
      id: written.id,
      kind: 'upsert',
      version: written.version,
      data: written.data,
      lsn: stored.position,
      ttlSeconds: collection.ttlSeconds,
    });
    return written;
  }

  /** The cache write after a commit: best effort, CDC applies the same change at the same version. */
  private async applyAfterCommit(write: CacheWrite): Promise<void> {
    try {
      await this.cache.apply(write);
    } catch (error) {
      this.logger.warn(
        `cache write after commit failed for ${write.entity} ${write.id} of ${write.tenant} at ` +
          `version ${write.version} (CDC will apply it): ` +
          (error instanceof Error ? error.message : String(error)),
      );
    }
  }
}
