import type { ChangeKind } from './change-kind.type';

interface PendingChange {
  /** version * 2, plus 1 for a delete: a delete carries its row's last version and outranks it. */
  rank: number;
  version: number;
  committedAt: number;
}

interface PendingCrmChange {
  marker: number;
  committedAt: number;
}

interface TrackedRecord {
  pending: PendingChange[];
  /** Highest rank a notice announced (notices may, rarely, arrive before our commit ack). */
  visibleRank: number;
  visibleAt: number;
  crmPending: PendingCrmChange[];
  crmMarker: number;
  crmAt: number;
  /** Deleted: unreceived CRM changes were superseded (state-based delivery sends the delete). */
  deleted: boolean;
}

export interface ChangeTrackerSink {
  visible(latencyMs: number, atMs: number): void;
  crmReceived(latencyMs: number, atMs: number): void;
}

/**
 * Matches committed changes to what the pipeline reports. A record-changed notice for version v
 * makes every pending change of that record up to v visible (a delete ranks above an upsert of
 * the same version) (the sync-worker coalesces
 * a batch per record, so older versions may never get a notice of their own, yet the cache holds
 * state at least that new). The CRM side works the same way with the marker written to last_name.
 */
export class ChangeTracker {
  private readonly records = new Map<string, TrackedRecord>();
  private pendingCount = 0;
  private crmPendingCount = 0;
  private crmSuperseded = 0;

  constructor(private readonly sink: ChangeTrackerSink) {}

  static key(tenant: string, id: string): string {
    return `${tenant}/${id}`;
  }

  /** Call before the statement is sent, so that an early notice is not taken for a stranger's. */
  expect(key: string): void {
    if (!this.records.has(key)) {
      this.records.set(key, {
        pending: [],
        visibleRank: 0,
        visibleAt: 0,
        crmPending: [],
        crmMarker: 0,
        crmAt: 0,
        deleted: false,
      });
    }
  }

  /** Whether the record belongs to this run (notices for other records are ignored). */
  knows(key: string): boolean {
    return this.records.has(key);
  }

  committed(
    key: string,
    kind: ChangeKind,
    version: number,
    committedAt: number,
    crm?: { marker: number },
  ): void {
    this.expect(key);
    const record = this.records.get(key) as TrackedRecord;
    const rank = version * 2 + (kind === 'delete' ? 1 : 0);
    if (rank <= record.visibleRank) {
      this.sink.visible(record.visibleAt - committedAt, record.visibleAt);
    } else {
      record.pending.push({ rank, version, committedAt });
      this.pendingCount += 1;
    }
    if (kind === 'delete') {
      record.deleted = true;
      this.crmSuperseded += record.crmPending.length;
      this.crmPendingCount -= record.crmPending.length;
      record.crmPending = [];
    } else if (crm) {
      if (crm.marker <= record.crmMarker)
        this.sink.crmReceived(record.crmAt - committedAt, record.crmAt);
      else {
        record.crmPending.push({ marker: crm.marker, committedAt });
        this.crmPendingCount += 1;
      }
    }
  }

  /** A record-changed notice (or its receipt) at `atMs`. Returns how many changes it resolved. */
  noticed(key: string, version: number, op: 'upsert' | 'delete', atMs: number): number {
    const record = this.records.get(key);
    if (!record) return 0;
    const rank = version * 2 + (op === 'delete' ? 1 : 0);
    if (rank > record.visibleRank) {
      record.visibleRank = rank;
      record.visibleAt = atMs;
    }
    let resolved = 0;
    record.pending = record.pending.filter((change) => {
      if (change.rank > rank) return true;
      this.sink.visible(atMs - change.committedAt, atMs);
      resolved += 1;
      return false;
    });
    this.pendingCount -= resolved;
    return resolved;
  }

  /** The CRM holds the record with last_name marker `marker` since `atMs`. */
  crmSaw(key: string, marker: number, atMs: number): number {
    const record = this.records.get(key);
    if (!record || marker <= record.crmMarker) return 0;
    record.crmMarker = marker;
    record.crmAt = atMs;
    let resolved = 0;
    record.crmPending = record.crmPending.filter((change) => {
      if (change.marker > marker) return true;
      this.sink.crmReceived(atMs - change.committedAt, atMs);
      resolved += 1;
      return false;
    });
    this.crmPendingCount -= resolved;
    return resolved;
  }

  get unseen(): number {
    return this.pendingCount;
  }

  get crmUnreceived(): number {
    return this.crmPendingCount;
  }

  /** CRM changes whose record was deleted before they were delivered (no loss: state-based). */
  get crmSupersededByDelete(): number {
    return this.crmSuperseded;
  }

  /** Up to `limit` changes never seen, as `tenant/id@version`, for the report. */
  unseenSample(limit = 20): string[] {
    const sample: string[] = [];
    for (const [key, record] of this.records) {
      for (const change of record.pending) {
        if (sample.length >= limit) return sample;
        sample.push(`${key}@${change.version}`);
      }
    }
    return sample;
  }
}
