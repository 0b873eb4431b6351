/**
 * The reconciler's tuning, in one place. Batch sizes adapt at run time between `min` and `max`;
 * tests pass smaller and faster ones.
 */
export const RECONCILE_DEFAULTS = {
  /**
   * Leading hex digits of a uuid that name a key range, the unit of a manifest query: 2 = 256
   * ranges of the uuid space (fewer for small scopes).
   */
  rangeDepth: 2,
  /**
   * Summaries are kept per bucket, finer than ranges for big scopes (up to 4 hex digits = 65,536
   * buckets), so that scattered drift sends only the differing buckets' rows to a manifest:
   * about this many rows per bucket.
   */
  rowsPerBucket: 8,
  maxBucketDepth: 4,
  /** Buckets held in memory per entity, across tenants (16 bytes each): the depth gives way first. */
  maxBuckets: 4_194_304,
  /** Rows per Postgres manifest page (keyset on the primary key). */
  manifestPageRows: 5000,
  /** Keys per Redis SCAN call. */
  scanCount: 5000,
  /** Manifest entries compared (and repaired) per batch against Redis. */
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
  /** Changes younger than this are left to the workers (in flight, not drift). */
  graceMs: 30_000,
  /** Backoff between attempts of a failing batch. */
  retry: { initialDelayMs: 200, maxDelayMs: 5000 },
  /** Skipped batches kept in a run record (the count is always complete). */
  maxRecordedErrors: 200,
  /** The sequence every row version comes from (see the System A migration). */
  versionSequence: 'syncline_record_version',
} as const;
