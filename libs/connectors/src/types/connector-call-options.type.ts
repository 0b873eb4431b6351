import type { RetryOptions } from '@syncline/resilience';

/** Settings every connector takes. */
export interface ConnectorCallOptions {
  /** Per-call timeout; a call that takes longer fails as `transient`. Default 30 s. */
  timeoutMs?: number;
  /** Retry of page fetches inside `listAll` (transient and interval limits only). */
  listRetry?: Partial<RetryOptions>;
}
