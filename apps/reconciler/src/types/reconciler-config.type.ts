/** The reconciler's own settings (beside the shared `SynclineConfig`). */
export interface ReconcilerConfig {
  /** Pushgateway base URL (SYNCLINE_PUSHGATEWAY_URL); metrics are only logged when absent. */
  pushgatewayUrl?: string;
  /**
   * `reconcile cache` looks again at a record found differing this long after (agreeing then, it
   * was in flight, not drift) (SYNCLINE_RECONCILE_GRACE_MS).
   */
  graceMs: number;
  /** How often a run without a terminal logs its progress (SYNCLINE_RECONCILE_PROGRESS_INTERVAL_MS). */
  progressIntervalMs: number;
}
