import type { RetryPolicy } from '@syncline/resilience';
import { AdaptiveBatchOptions } from './adaptive-batch-options.type';
import { BatchFailure } from './batch-failure.type';

export interface BatchRunnerOptions {
  batch: AdaptiveBatchOptions;
  /** Backoff between attempts of a failing batch (default: RECONCILE_DEFAULTS.retry). */
  retry?: RetryPolicy;
  /** Default: every error is `failed`. */
  classify?: (error: unknown) => BatchFailure;
  /**
   * Asked before a batch is skipped: true when the failure is systemic (Postgres or Redis down),
   * which ends the run instead of skipping everything that follows.
   */
  isSystemic?: (error: unknown) => Promise<boolean>;
  maxConsecutiveSkips?: number;
  attemptsAtMinimum?: number;
  maxThrottleWaits?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}
