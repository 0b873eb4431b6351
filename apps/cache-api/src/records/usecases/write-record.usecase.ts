import { Logger } from '@nestjs/common';
import { CacheWrite, RecordCacheRepository } from '@syncline/cache';
import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { PositionedRecord, SourceRecordRepository } from '@syncline/source';
import { CacheApiMetrics } from '../../services/cache-api.metrics';
import { RecordView } from '../types/record-view.type';
import { fromRow } from './read-records.usecase';

/**
 * Write-through on any collection: the Postgres transaction first (the source of truth), then the
 * version-guarded cache write at the version the transaction could claim (the version column, or
 * for a WAL-position collection the insert position read after the write inside its transaction,
 * which also serves the TRUNCATE rule). The CDC event of the same change arrives later at the same
 * or a lower version and is a no-op. If the cache write fails after the commit, the write still
 * succeeded: the client gets the committed result (a 503 would make it retry, and a retried create
 * without a key inserts a second row), the failure is logged, and CDC brings the cache up to date.
 */
export class WriteRecordUseCase {
  private readonly logger = new Logger(WriteRecordUseCase.name);

  constructor(
    private readonly collections: CollectionRegistry,
    private readonly source: SourceRecordRepository,
    private readonly cache: RecordCacheRepository,
    private readonly metrics: CacheApiMetrics,
  ) {}

  async create(
    collection: CollectionDefinition,
    tenant: string,
    body: unknown,
  ): Promise<RecordView> {
    this.collections.validate(collection, body, 'create');
    const stored = await this.source.insert(collection, tenant, body as Record<string, unknown>);
    return this.upserted(collection, tenant, stored, 'create');
  }

  /** Returns undefined when the record does not exist. */
  async update(
    collection: CollectionDefinition,
    tenant: string,
    id: string,
    body: unknown,
    expectedVersion?: number,
  ): Promise<RecordView | undefined> {
    this.collections.validate(collection, body, 'update');
    const updated = await this.source.update(
      collection,
      tenant,
      id,
      body as Record<string, unknown>,
      expectedVersion,
    );
    return updated && this.upserted(collection, tenant, updated, 'update');
  }

  /** Returns false when the record does not exist. */
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
    this.metrics.writes.inc({ entity: collection.name, operation: 'delete', outcome: 'ok' });
    return true;
  }

  private async upserted(
    collection: CollectionDefinition,
    tenant: string,
    stored: PositionedRecord,
    operation: 'create' | 'update',
  ): Promise<RecordView> {
    const view = fromRow(tenant, collection, stored.record, stored.version);
    await this.applyAfterCommit({
      tenant,
      entity: collection.name,
      id: view.id,
      kind: 'upsert',
      version: view.version,
      data: view.data,
      lsn: stored.position,
      ttlSeconds: collection.ttlSeconds,
    });
    this.metrics.writes.inc({ entity: collection.name, operation, outcome: 'ok' });
    return view;
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
