import { Logger } from '@nestjs/common';
import { CacheWrite, RecordCacheRepository } from '@syncline/cache';
import { EntityDefinition, EntityRegistry } from '@syncline/records';
import { SourceRecordRepository } from '@syncline/source';
import { CacheApiMetrics } from '../../services/cache-api.metrics';
import { RecordView } from '../types/record-view.type';
import { fromRow } from './read-records.usecase';

/**
 * Write-through: the Postgres transaction first (the source of truth; the trigger assigns the new
 * version), then the version-guarded cache write with that version and the WAL position read in
 * the same statement (a TRUNCATE logged after it removes the row, and wins). The CDC event for the same
 * change arrives later at the same version and is a no-op. If the cache write fails after the
 * commit, the write still succeeded: the client gets the committed result (a 503 would make it
 * retry, and a retried create without an id inserts a second row), the failure is logged, and CDC
 * brings the cache up to date.
 */
export class WriteRecordUseCase {
  private readonly logger = new Logger(WriteRecordUseCase.name);

  constructor(
    private readonly entities: EntityRegistry,
    private readonly source: SourceRecordRepository,
    private readonly cache: RecordCacheRepository,
    private readonly metrics: CacheApiMetrics,
  ) {}

  async create(entity: EntityDefinition, tenant: string, body: unknown): Promise<RecordView> {
    this.entities.validate(entity, body, 'create');
    const { record: row, position } = await this.source.insert(
      entity,
      tenant,
      body as Record<string, unknown>,
    );
    await this.applyAfterCommit({
      tenant,
      entity: entity.name,
      id: row.id as string,
      kind: 'upsert',
      version: row.version as number,
      data: row,
      lsn: position,
    });
    this.metrics.writes.inc({ entity: entity.name, operation: 'create', outcome: 'ok' });
    return fromRow(tenant, entity, row);
  }

  /** Returns undefined when the record does not exist. */
  async update(
    entity: EntityDefinition,
    tenant: string,
    id: string,
    body: unknown,
    expectedVersion?: number,
  ): Promise<RecordView | undefined> {
    this.entities.validate(entity, body, 'update');
    const updated = await this.source.update(
      entity,
      tenant,
      id,
      body as Record<string, unknown>,
      expectedVersion,
    );
    if (!updated) return undefined;
    const row = updated.record;
    await this.applyAfterCommit({
      tenant,
      entity: entity.name,
      id,
      kind: 'upsert',
      version: row.version as number,
      data: row,
      lsn: updated.position,
    });
    this.metrics.writes.inc({ entity: entity.name, operation: 'update', outcome: 'ok' });
    return fromRow(tenant, entity, row);
  }

  /** Returns false when the record does not exist. */
  async delete(
    entity: EntityDefinition,
    tenant: string,
    id: string,
    expectedVersion?: number,
  ): Promise<boolean> {
    const deleted = await this.source.delete(entity, tenant, id, expectedVersion);
    if (deleted === undefined) return false;
    const { version, position } = deleted;
    await this.applyAfterCommit({
      tenant,
      entity: entity.name,
      id,
      kind: 'delete',
      version,
      lsn: position,
    });
    this.metrics.writes.inc({ entity: entity.name, operation: 'delete', outcome: 'ok' });
    return true;
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
