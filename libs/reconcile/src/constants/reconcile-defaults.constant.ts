/**
 * The reconciler's tuning, in one place. Batch sizes adapt at run time between `min` and `max`;
 * tests pass smaller and faster ones.
 */
export const RECONCILE_DEFAULTS = {
  /**
   * Summaries are kept per bucket (leading hex digits of md5(record id), up to 4 = 65,536
   * buckets), so that scattered drift sends only the differing buckets' rows to a row-by-row
   * diff: about this many rows per bucket.
   */
  rowsPerBucket: 8,
  maxBucketDepth: 4,
  /** Buckets held in memory per entity, across tenants (16 bytes each): the depth gives way first. */
  maxBuckets: 4_194_304,
  /** Rows per Postgres manifest page (keyset on the primary key). */
  manifestPageRows: 5000,
  /** Keys per Redis SCAN call. */
  scanCount: 5000,
  /** Records found differing, held for their second look (after the grace period) at most. */
  maxPendingChecks: 5000,
  /** Rows compared (and repaired) per batch against Redis. */
  cacheBatch: { initial: 2000, min: 50, max: 20_000, targetLatencyMs: 2000 },
  /** Records read from a CRM per call; the connector's `maxBatchSize` caps `max`. */
  crmBatch: { initial: 50, min: 5, max: 200, targetLatencyMs: 10_000 },
  /** Full rows per Postgres page for the CRM comparison. */
  crmPageRows: 500,
  /** Failed batches in a row, each at the minimum size, after which a scope is given up. */
  maxConsecutiveSkips: 5,
  /** Attempts of a batch at the minimum size before it is skipped. */
  attemptsAtMinimum: 2,
  /** Waits for a throttled batch (rate limit, 429) before it counts as failed. */
  maxThrottleWaits: 20,
  /** Longest wait for a shared rate-limit slot before the batch counts as throttled. */
  rateLimitWaitMs: 30_000,
  /**
   * A record found differing is looked at again this long after (a change still on its way to
   * the cache is then in it: in flight, not drift).
   */
  graceMs: 30_000,
  /** Backoff between attempts of a failing batch. */
  retry: { initialDelayMs: 200, maxDelayMs: 5000 },
  /** Skipped batches kept in a run record (the count is always complete). */
  maxRecordedErrors: 200,
} as const;
