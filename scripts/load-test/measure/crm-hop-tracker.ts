import type { CrmCallLog } from './crm-call-log';
import type { HopSample } from './notice-hops';

interface CrmChange {
  marker: number;
  version: number;
  /** When the cache first held this version or a newer one (the notice's observedAt). */
  appliedAt?: number;
}

interface StoredChange {
  change: CrmChange;
  storedAt: number;
  /** When we saw it stored: a stored change waits a little for its call and its notice. */
  seenAt: number;
}

interface CrmRecord {
  pending: CrmChange[];
  stored: StoredChange[];
}

/**
 * The delivery hops of changes that go to a CRM: cache applied -> the CRM call's arrival ->
 * the record's update time in the sim. A record is found by its key and the change by the
 * marker written to last_name; the call by the time the record was stored (CrmCallLog).
 */
export class CrmHopTracker {
  private readonly records = new Map<string, CrmRecord>();
  private readonly waiting = new Set<string>();

  constructor(
    private readonly calls: CrmCallLog,
    private readonly onHop: (sample: HopSample) => void,
    private readonly giveUpAfterMs = 5000,
  ) {}

  /** An upsert of a CRM tenant's record committed with this marker at this version. */
  committed(key: string, marker: number, version: number): void {
    let record = this.records.get(key);
    if (!record) this.records.set(key, (record = { pending: [], stored: [] }));
    record.pending.push({ marker, version });
  }

  /** A notice: the cache holds `version` since `observedAt`. A delete drops what was pending. */
  applied(key: string, version: number, op: 'upsert' | 'delete', observedAt: number): void {
    const record = this.records.get(key);
    if (!record) return;
    for (const change of [...record.pending, ...record.stored.map((s) => s.change)])
      if (change.version <= version && change.appliedAt === undefined)
        change.appliedAt = observedAt;
    if (op === 'delete') record.pending = [];
  }

  /** The CRM holds the record with this marker since `storedAt` (seen again: ignored). */
  stored(key: string, marker: number, storedAt: number, nowMs = Date.now()): void {
    const record = this.records.get(key);
    const change = record?.pending.find((c) => c.marker === marker);
    if (!record || !change) return;
    // Older markers were overwritten in the CRM before we looked: their own store is unknown.
    record.pending = record.pending.filter((c) => c.marker > marker);
    record.stored.push({ change, storedAt, seenAt: nowMs });
    this.waiting.add(key);
  }

  /** Records the hops of stored changes whose call and notice are known, or given up on. */
  resolve(nowMs = Date.now()): void {
    for (const key of this.waiting) {
      const record = this.records.get(key) as CrmRecord;
      record.stored = record.stored.filter((s) => !this.tryResolve(s, nowMs));
      if (record.stored.length === 0) this.waiting.delete(key);
    }
  }

  private tryResolve({ change, storedAt, seenAt }: StoredChange, nowMs: number): boolean {
    const sentAt = this.calls.arrivalFor(storedAt);
    const { appliedAt } = change;
    const givingUp = nowMs - seenAt >= this.giveUpAfterMs;
    if ((sentAt === undefined || appliedAt === undefined) && !givingUp) return false;
    if (sentAt !== undefined && appliedAt !== undefined)
      this.onHop({ hop: 'applied -> delivery sent', ms: sentAt - appliedAt, endAt: sentAt });
    if (sentAt !== undefined)
      this.onHop({ hop: 'sent -> CRM stored', ms: storedAt - sentAt, endAt: storedAt });
    return true;
  }
}
