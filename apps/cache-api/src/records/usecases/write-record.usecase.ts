import { RecordWriter } from '@syncline/record-writes';
import { CollectionDefinition } from '@syncline/records';
import { CacheApiMetrics } from '../../services/cache-api.metrics';
import { RecordView } from '../types/record-view.type';

/** Write-through on any collection: the shared write path (`RecordWriter`), counted. */
export class WriteRecordUseCase {
  constructor(
    private readonly writer: RecordWriter,
    private readonly metrics: CacheApiMetrics,
  ) {}

  async create(
    collection: CollectionDefinition,
    tenant: string,
    body: unknown,
  ): Promise<RecordView> {
    const written = await this.writer.create(collection, tenant, body);
    this.metrics.writes.inc({ entity: collection.name, operation: 'create', outcome: 'ok' });
    return written;
  }

  /** Returns undefined when the record does not exist. */
  async update(
    collection: CollectionDefinition,
    tenant: string,
    id: string,
    body: unknown,
    expectedVersion?: number,
  ): Promise<RecordView | undefined> {
    const written = await this.writer.update(collection, tenant, id, body, expectedVersion);
    if (written) {
      this.metrics.writes.inc({ entity: collection.name, operation: 'update', outcome: 'ok' });
    }
    return written;
  }

  /** Returns false when the record does not exist. */
  async delete(
    collection: CollectionDefinition,
    tenant: string,
    id: string,
    expectedVersion?: number,
  ): Promise<boolean> {
    const deleted = await this.writer.delete(collection, tenant, id, expectedVersion);
    if (deleted) {
      this.metrics.writes.inc({ entity: collection.name, operation: 'delete', outcome: 'ok' });
    }
    return deleted;
  }
}
