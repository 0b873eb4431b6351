import { RetryOptions } from '../types/retry-options.type';

/** The defaults of the one retry policy. Tests pass faster ones; nothing else hard-codes delays. */
export const RETRY_DEFAULTS: RetryOptions = {
  initialDelayMs: 200,
  maxDelayMs: 30_000,
  multiplier: 2,
  // Full jitter in [1 - jitter, 1] of the computed delay: replicas that failed together spread out.
  jitter: 0.5,
  maxAttempts: Number.POSITIVE_INFINITY,
};
