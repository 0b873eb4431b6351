import type { CollectionRegistry } from '@syncline/records';
import { SyncctlException } from '../exceptions/syncctl.exception';
import type { SnapshotOutcome, SnapshotRequester } from '../services/snapshot-requester.service';
import type { TableRef } from '../types/table-ref.type';
import { parseTableRef, tableName } from '../utils/parse-table-ref.util';

/**
 * `syncctl collections resync <collection>|--all`: an incremental snapshot of the collection's
 * table, re-reading every row into the pipeline; the version guard keeps newer cached states.
 */
export class ResyncCollectionUseCase {
  constructor(
    private readonly snapshots: SnapshotRequester,
    private readonly registry: CollectionRegistry,
  ) {}

  async execute(target: {
    collection?: string;
    all: boolean;
    wait: boolean;
  }): Promise<SnapshotOutcome & { tables: string[] }> {
    const tables: TableRef[] = target.all
      ? this.registry.collections.map((c) => ({ schema: c.schema, table: c.table }))
      : [this.resolve(target.collection ?? '')];
    if (tables.length === 0) {
      throw new SyncctlException('not-found', 'there are no collections to resync');
    }
    const outcome = await this.snapshots.backfill(tables, { wait: target.wait });
    return { ...outcome, tables: tables.map(tableName) };
  }

  /** A collection name, else `schema.table` of a collection. */
  private resolve(name: string): TableRef {
    const byName = this.registry.collections.find((c) => c.name === name);
    if (byName) return { schema: byName.schema, table: byName.table };
    if (name.includes('.')) {
      const ref = parseTableRef(name);
      const byTable = this.registry.findByTable(ref.schema, ref.table);
      if (byTable) return ref;
    }
    const known = this.registry.collections.map((c) => c.name).sort();
    throw new SyncctlException(
      'not-found',
      `unknown collection "${name}"; collections: ${known.join(', ') || '(none)'}`,
    );
  }
}
