export interface CacheConfig {
  /** Redis key namespace; separate deployments (or test runs) sharing a Redis use their own. */
  namespace: string;
  /** How long a delete's tombstone guards against late, older events. */
  tombstoneTtlMs: number;
}
