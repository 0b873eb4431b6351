/** What a reconciliation found and did, for one scope or in total. */
export interface DriftCounts {
  /** Rows of the source of truth compared (by bucket summary or row by row). */
  compared: number;
  /** Rows the derived side lacks (no key, a tombstone older than the row, no CRM record). */
  missing: number;
  /** Rows the derived side holds at an older version, or (CRM) with other values. */
  stale: number;
  /**
   * Rows the cache holds with other data than Postgres without being older: at the row's own
   * version (version column), or at any position for WAL-position collections, whose versions
   * cannot tell an old state from a wrong one.
   */
  differing: number;
  /** Records the derived side holds without a row. */
  orphan: number;
  /** Drift repaired (cache rewritten, delivery re-enqueued, CRM record archived). */
  repaired: number;
  /** Batches skipped and scopes given up. */
  errors: number;
  /** Rows changed during the run (they agreed when checked again): left to the workers. */
  inFlight: number;
  /**
   * (CRM, two-way mappings) Records whose `both` fields the CRM changed since last known: handed to
   * the inbound side (an inbound hint) to be resolved by the mapping's conflict policy, not
   * overwritten. Counted in dry runs too, where nothing is handed over.
   */
  inbound: number;
}
