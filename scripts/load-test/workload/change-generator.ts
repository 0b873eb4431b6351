import { randomUUID } from 'node:crypto';
import type { ChangeMix } from './change-mix.type';
import { HotspotPicker } from './hotspot-picker';
import type { LiveKey, PlannedBatch } from './planned-batch.type';
import { weightedChoice } from './weighted-choice';

export interface ChangeGeneratorOptions {
  runId: string;
  lane: number;
  tenants: readonly string[];
  mix: ChangeMix;
  hotFraction: number;
  hotAccess: number;
  payloadBytes: number;
  random?: () => number;
  newId?: () => string;
}

/**
 * One writer lane's workload: it owns the keys it inserted, so no two lanes touch one row (no lock
 * waits, no deadlocks, per-record order = commit order). Updates and deletes pick among the lane's
 * live keys with hot-key skew; with no live key yet, a change becomes an insert. A key appears at
 * most once per batch.
 */
export class ChangeGenerator {
  private readonly live: LiveKey[] = [];
  private readonly random: () => number;
  private readonly newId: () => string;
  private readonly picker: HotspotPicker;
  private readonly payload: string;
  private sequence = 0;

  constructor(private readonly options: ChangeGeneratorOptions) {
    this.random = options.random ?? Math.random;
    this.newId = options.newId ?? randomUUID;
    this.picker = new HotspotPicker(options.hotFraction, options.hotAccess, this.random);
    // One random text; each change takes a slice at a random offset (cheap, and every value differs).
    let text = '';
    while (text.length < options.payloadBytes * 2 + 64) text += randomUUID().replace(/-/g, '');
    this.payload = text;
  }

  get liveCount(): number {
    return this.live.length;
  }

  next(size: number): PlannedBatch {
    const batch: PlannedBatch = { inserts: [], updates: [], deletes: [] };
    const inBatch = new Set<string>();
    for (let i = 0; i < size; i++) {
      const kind = weightedChoice(this.options.mix, this.random);
      const index = kind === 'insert' ? -1 : this.pickFree(inBatch);
      if (index < 0) {
        const tenants = this.options.tenants;
        const tenant = tenants[Math.floor(this.random() * tenants.length) % tenants.length];
        const marker = this.nextMarker();
        batch.inserts.push({
          tenant,
          id: this.newId(),
          email: `${this.options.runId}-${this.options.lane}-${marker}@load.test`,
          marker,
          notes: this.notes(),
        });
      } else if (kind === 'update') {
        const key = this.live[index];
        inBatch.add(key.id);
        batch.updates.push({ ...key, marker: this.nextMarker(), notes: this.notes() });
      } else {
        const [key] = this.removeAt(index);
        inBatch.add(key.id);
        batch.deletes.push(key);
      }
    }
    return batch;
  }

  /** After the statement committed: its inserts become live keys. */
  committed(batch: PlannedBatch): void {
    for (const { tenant, id } of batch.inserts) this.live.push({ tenant, id });
  }

  /** After the statement failed: nothing happened, its deletes are live again. */
  failed(batch: PlannedBatch): void {
    for (const key of batch.deletes) this.live.push(key);
  }

  private pickFree(inBatch: Set<string>): number {
    if (this.live.length === 0) return -1;
    for (let attempt = 0; attempt < 4; attempt++) {
      const index = this.picker.pick(this.live.length);
      if (!inBatch.has(this.live[index].id)) return index;
    }
    return -1;
  }

  private removeAt(index: number): LiveKey[] {
    // Swap-remove: O(1); the moved key changes heat, which a skewed workload tolerates.
    const last = this.live.pop() as LiveKey;
    if (index === this.live.length) return [last];
    const removed = this.live[index];
    this.live[index] = last;
    return [removed];
  }

  private nextMarker(): number {
    this.sequence += 1;
    return this.sequence;
  }

  private notes(): string {
    const size = this.options.payloadBytes;
    if (size === 0) return '';
    const start = Math.floor(this.random() * (this.payload.length - size));
    return this.payload.slice(start, start + size);
  }
}
