import { Logger } from '@nestjs/common';
import { RecordCacheRepository } from '@syncline/cache';
import { DEBEZIUM_UNAVAILABLE_VALUE, RowChange } from '@syncline/cdc';
import { toCanonicalValue } from '@syncline/records';
import { SourceRowReader } from '../services/source-row.reader';
import { SyncWorkerMetrics } from '../services/sync-worker.metrics';

/**
 * Completes upserts whose event does not carry every column, so that what is cached is a whole row.
 *
 * - An unchanged TOAST value Debezium could not read (`unavailableColumns`) is, in order of
 *   preference: in the event's own before image (REPLICA IDENTITY FULL), in an earlier change of
 *   the same record in this batch, in the cache, or, failing all, read from Postgres.
 * - A column the event lacks altogether (`absentColumns`: an event older than an ADD COLUMN, or a
 *   type Debezium does not send) may have any value: only Postgres knows it.
 *
 * A row read from Postgres is its current state, written at a version no older state can claim
 * (SourceRowReader). Resolves to the changes still to write: one whose row has been deleted since
 * is dropped (its delete event follows on the same partition).
 */
export class MissingValueFiller {
  private readonly logger = new Logger(MissingValueFiller.name);
  private readonly warnedAbsent = new Set<string>();

  constructor(
    private readonly cache: RecordCacheRepository,
    private readonly reader: SourceRowReader,
    private readonly metrics: SyncWorkerMetrics,
  ) {}

  async fill(changes: RowChange[]): Promise<RowChange[]> {
    const needCache = this.fillFromEvents(changes);
    await this.fillFromCache(needCache);
    const needSource = changes.filter(
      (change) =>
        change.kind === 'upsert' &&
        (change.unavailableColumns.length > 0 || change.absentColumns.length > 0),
    );
    const gone = new Set<RowChange>();
    for (const change of needSource) {
      if (!(await this.fillFromSource(change))) gone.add(change);
    }
    return gone.size === 0 ? changes : changes.filter((change) => !gone.has(change));
  }

  /** Fills from before images and earlier changes of the batch; returns the upserts still short. */
  private fillFromEvents(changes: RowChange[]): RowChange[] {
    const lastSeen = new Map<string, RowChange>();
    const needCache: RowChange[] = [];
    for (const change of changes) {
      const key = `${change.tenant}\u0000${change.collection.name}\u0000${change.id}`;
      const previous = lastSeen.get(key);
      lastSeen.set(key, change);
      // A delete writes a tombstone: its row's values do not matter.
      if (change.kind === 'delete') {
        change.unavailableColumns = [];
        continue;
      }
      change.unavailableColumns = change.unavailableColumns.filter((column) => {
        const fromBefore = change.before?.[column];
        if (fromBefore !== undefined && fromBefore !== DEBEZIUM_UNAVAILABLE_VALUE) {
          change.row[column] = toCanonicalValue(change.collection.columns[column], fromBefore);
          this.metrics.toastFills.inc({ source: 'before' });
          return false;
        }
        if (previous && previous.kind === 'upsert' && column in previous.row) {
          change.row[column] = previous.row[column];
          this.metrics.toastFills.inc({ source: 'batch' });
          return false;
        }
        return true;
      });
      if (change.unavailableColumns.length > 0 && change.absentColumns.length === 0)
        needCache.push(change);
    }
    return needCache;
  }

  private async fillFromCache(changes: RowChange[]): Promise<void> {
    if (changes.length === 0) return;
    const cached = await this.cache.getMany(
      changes.map(({ tenant, collection, id }) => ({ tenant, entity: collection.name, id })),
    );
    for (const [index, change] of changes.entries()) {
      const record = cached[index];
      if (!record || record.deleted) continue;
      change.unavailableColumns = change.unavailableColumns.filter((column) => {
        if (!(column in record.data)) return true;
        change.row[column] = record.data[column];
        this.metrics.toastFills.inc({ source: 'cache' });
        return false;
      });
    }
  }

  private noteAbsent(change: RowChange): void {
    this.metrics.absentColumnReads.inc({ entity: change.collection.name });
    const what = `${change.collection.name}: ${change.absentColumns.join(', ')}`;
    if (this.warnedAbsent.has(what) || this.warnedAbsent.size > 1000) return;
    this.warnedAbsent.add(what);
    // Once per column set: after an ADD COLUMN this passes; a type Debezium never sends (an array
    // of a domain) costs a Postgres read per change until the column is excluded.
    this.logger.warn(
      `change events of ${what} lack these columns: rows are read from Postgres; if this persists, Debezium does not send their type, exclude them in the collections config`,
    );
  }

  /** Resolves false when the row no longer exists. */
  private async fillFromSource(change: RowChange): Promise<boolean> {
    const current = await this.reader.read(change.collection, change.tenant, change.id);
    if (change.unavailableColumns.length > 0)
      this.metrics.toastFills.inc({ source: 'postgres' }, change.unavailableColumns.length);
    if (change.absentColumns.length > 0) this.noteAbsent(change);
    if (!current) {
      this.logger.debug(
        `no row for ${change.collection.name} ${change.id} in Postgres; awaiting its delete`,
      );
      return false;
    }
    // Postgres holds this state or a newer one: write what it has, at its version.
    change.row = current.record;
    change.version = Math.max(change.version, current.version);
    change.lsn = Math.max(change.lsn, current.position);
    change.unavailableColumns = [];
    change.absentColumns = [];
    return true;
  }
}
