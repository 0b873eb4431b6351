import type { RetryPolicy } from '@syncline/resilience';
import { AdaptiveBatchOptions } from './adaptive-batch-options.type';

export interface ReconcileCacheOptions {
  /** Changes younger than this (by `updated_at`) are in flight, left to the sync-worker. */
  graceMs?: number;
  batch?: AdaptiveBatchOptions;
  manifestPageRows?: number;
  retry?: RetryPolicy;
  maxConsecutiveSkips?: number;
  now?: () => number;
}
