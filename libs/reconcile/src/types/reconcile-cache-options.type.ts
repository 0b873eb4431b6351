import type { RetryPolicy } from '@syncline/resilience';
import { AdaptiveBatchOptions } from './adaptive-batch-options.type';

export interface ReconcileCacheOptions {
  /** A record found differing is checked again this long after: agreeing then, it was in flight. */
  graceMs?: number;
  batch?: AdaptiveBatchOptions;
  manifestPageRows?: number;
  retry?: RetryPolicy;
  maxConsecutiveSkips?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}
