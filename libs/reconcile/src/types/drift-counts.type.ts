/** What a reconciliation found and did, for one scope or in total. */
export interface DriftCounts {
  /** Rows of the source of truth compared (by range summary or manifest). */
  compared: number;
  /** Rows the derived side lacks (no key, a tombstone older than the row, no CRM record). */
  missing: number;
  /** Rows the derived side holds at an older version, or (CRM) with other values. */
  stale: number;
  /** Records the derived side holds without a row. */
  orphan: number;
  /** Drift repaired (cache rewritten, delivery re-enqueued, CRM record archived). */
  repaired: number;
  /** Batches skipped and scopes given up. */
  errors: number;
  /** Rows changed during the run or within the grace period: left to the workers. */
  inFlight: number;
}
