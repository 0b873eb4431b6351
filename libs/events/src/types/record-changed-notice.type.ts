/**
 * "Record K of tenant T reached version v" (ARCHITECTURE.md, invariant 4). The delivery side reads
 * the record's current state from the cache, so a notice carries no data and may arrive twice.
 */
export interface RecordChangedNotice {
  tenant: string;
  entity: string;
  id: string;
  version: number;
  op: 'upsert' | 'delete';
  /** Columns that changed, when the source knew them (CDC updates); absent means "unknown". */
  changed?: string[];
  /** When the change was observed (ms since epoch), for end-to-end latency. */
  observedAt: number;
  /** Where the change was on its way to the cache (CDC notices only), for a per-hop breakdown. */
  trace?: ChangeTrace;
}

/**
 * Milliseconds since the epoch at each hop before `observedAt` (the cache write). Clocks differ:
 * `committedAt` is the database's, `emittedAt` Debezium's, `appendedAt` Kafka's producer's,
 * `receivedAt` the sync-worker's. Absent hops were not known.
 */
export interface ChangeTrace {
  committedAt?: number;
  emittedAt?: number;
  appendedAt?: number;
  receivedAt: number;
}
