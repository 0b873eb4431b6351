import { SyncctlException } from '../exceptions/syncctl.exception';
import type { TableRef } from '../types/table-ref.type';
import { tableName } from '../utils/parse-table-ref.util';
import type { DebeziumNotification, SnapshotNotifications } from './snapshot-notifications.service';
import type { SourceAdmin } from './source-admin.service';

export interface SnapshotOutcome {
  signalId: string;
  /** Rows read, once the snapshot finished (with `wait`). */
  rowsScanned?: number;
}

const STRUCTURE_TIMEOUT_MS = 120_000;

/**
 * Backfills tables through Debezium, in the order the connector needs: read their structure (a
 * row-less blocking snapshot), and only when that is done, the incremental snapshot of their rows.
 * Debezium's notifications tell when each step ends and whether a table failed.
 */
export class SnapshotRequester {
  constructor(
    private readonly source: SourceAdmin,
    private readonly notifications: () => Promise<SnapshotNotifications>,
    private readonly backfillTimeoutMs = 3_600_000,
  ) {}

  async backfill(
    tables: readonly TableRef[],
    options: { wait: boolean },
  ): Promise<SnapshotOutcome> {
    const names = tables.map(tableName);
    const watcher = await this.notifications();
    try {
      await this.source.signalStructureRead(tables);
      const structure = await watcher.waitUntil(
        (seen) => seen.some(isEnd('Initial Snapshot')),
        STRUCTURE_TIMEOUT_MS,
        `reading the structure of ${names.join(', ')}`,
      );
      failOnBadScans(
        structure.filter((n) => n.aggregate_type === 'Initial Snapshot'),
        names,
      );
      if (structure.some((n) => n.aggregate_type === 'Initial Snapshot' && n.type === 'ABORTED'))
        throw new SyncctlException(
          'api-error',
          `Debezium aborted reading ${names.join(', ')}: see the connector log`,
        );

      const signalId = await this.source.signalIncrementalSnapshot(tables);
      if (!options.wait) return { signalId };
      const seen = await watcher.waitUntil(
        (all) => all.some((n) => n.id === signalId && isEnd('Incremental Snapshot')(n)),
        this.backfillTimeoutMs,
        `the backfill of ${names.join(', ')}`,
      );
      const ours = seen.filter((n) => n.id === signalId);
      failOnBadScans(ours, names);
      const rowsScanned = ours
        .filter((n) => n.type === 'TABLE_SCAN_COMPLETED')
        .reduce((sum, n) => sum + Number(n.additional_data?.total_rows_scanned ?? 0), 0);
      return { signalId, rowsScanned };
    } finally {
      await watcher.stop();
    }
  }
}

function isEnd(aggregate: string): (n: DebeziumNotification) => boolean {
  return (n) => n.aggregate_type === aggregate && ['COMPLETED', 'ABORTED'].includes(n.type);
}

/** A table scan that did not succeed (e.g. SQL_EXCEPTION: the CDC role may not SELECT it). */
function failOnBadScans(
  notifications: readonly DebeziumNotification[],
  names: readonly string[],
): void {
  const bad = notifications.filter(
    (n) =>
      n.type === 'TABLE_SCAN_COMPLETED' &&
      names.includes(n.additional_data?.scanned_collection ?? '') &&
      n.additional_data?.status !== 'SUCCEEDED',
  );
  if (bad.length > 0) {
    throw new SyncctlException(
      'api-error',
      `Debezium could not read ${bad
        .map((n) => `${n.additional_data?.scanned_collection} (${n.additional_data?.status})`)
        .join(', ')}: see the connector log (does the CDC role have SELECT on it?)`,
    );
  }
}
