import { SyncctlException } from '../exceptions/syncctl.exception';
import type { SnapshotRequester } from '../services/snapshot-requester.service';
import type { SourceAdmin } from '../services/source-admin.service';
import type { TableRef } from '../types/table-ref.type';
import { tableName } from '../utils/parse-table-ref.util';

export interface AddCollectionResult {
  table: string;
  /** `added` to the publication now, or `already` in it. */
  publication: 'added' | 'already';
  topic: string;
  /** The execute-snapshot signal's id; absent with --no-backfill. */
  signalId?: string;
  /** Rows the backfill read, when it was waited for (--wait). */
  rowsScanned?: number;
  warnings: string[];
}

/**
 * `syncctl collections add <schema.table>`: the table's CDC topic, its place in the publication
 * (changes stream from then on) and an incremental snapshot of its existing rows, all while the
 * connector keeps running and streaming every other table.
 */
export class AddCollectionUseCase {
  constructor(
    private readonly source: SourceAdmin,
    private readonly snapshots: SnapshotRequester,
    private readonly ensureTopic: (topic: string) => Promise<void>,
    private readonly topicPrefix: string,
  ) {}

  async execute(
    ref: TableRef,
    options: { backfill: boolean; wait: boolean },
  ): Promise<AddCollectionResult> {
    const name = tableName(ref);
    if (!(await this.source.publicationExists())) {
      throw new SyncctlException(
        'not-found',
        'the publication does not exist: run `npm run db:migrate` first (it prepares the source database)',
      );
    }
    const state = await this.source.describe(ref);
    if (!state.exists) {
      throw new SyncctlException(
        'not-found',
        `table ${name} does not exist (names are case-sensitive, as in the catalog)`,
      );
    }
    const warnings: string[] = [];
    if (state.primaryKey.length === 0) {
      warnings.push(
        `${name} has no primary key: declare keyColumns for it in the collections config ` +
          `(docs/collections.md) and set REPLICA IDENTITY FULL so that deletes carry the row`,
      );
    }
    // The topic first, with its partitions: consumers that watch for new CDC topics find it whole.
    const topic = `${this.topicPrefix}.${name}`;
    await this.ensureTopic(topic);
    if (!state.published) await this.source.publish(ref);
    const backfill = options.backfill
      ? await this.snapshots.backfill([ref], { wait: options.wait })
      : undefined;
    return {
      table: name,
      publication: state.published ? 'already' : 'added',
      topic,
      signalId: backfill?.signalId,
      rowsScanned: backfill?.rowsScanned,
      warnings,
    };
  }
}
