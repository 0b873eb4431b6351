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
}
