export interface RetryOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
  /** 0 = none, 1 = anywhere from 0 to the full delay. */
  jitter: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
}
