import { RETRY_DEFAULTS } from '../constants/retry-defaults.constant';
import { RetryOptions } from '../types/retry-options.type';

export interface RetryContext {
  attempt: number;
  error: unknown;
  delayMs: number;
}

/**
 * Exponential backoff with jitter: the one retry policy. `delayFor` is pure (the math is unit
 * tested); `run` retries only errors `isRetriable` accepts, and stops when `shouldContinue` says so.
 */
export class RetryPolicy {
  readonly options: RetryOptions;

  constructor(
    options: Partial<RetryOptions> = {},
    private readonly random: () => number = Math.random,
  ) {
    this.options = { ...RETRY_DEFAULTS, ...options };
  }

  /** Delay before attempt `attempt + 1`, after `attempt` failures (1-based). */
  delayFor(attempt: number, retryAfterMs?: number): number {
    const { initialDelayMs, maxDelayMs, multiplier, jitter } = this.options;
    const exponential = Math.min(
      maxDelayMs,
      initialDelayMs * multiplier ** Math.max(0, attempt - 1),
    );
    const jittered = exponential * (1 - jitter * this.random());
    // A server's Retry-After is a floor: never come back sooner than it asked.
    return Math.round(Math.max(jittered, retryAfterMs ?? 0));
  }

  async run<T>(
    operation: (attempt: number) => Promise<T>,
    {
      isRetriable = () => true,
      onRetry,
      shouldContinue = () => true,
      retryAfterMs,
    }: {
      isRetriable?: (error: unknown) => boolean;
      onRetry?: (context: RetryContext) => void;
      shouldContinue?: () => boolean;
      retryAfterMs?: (error: unknown) => number | undefined;
    } = {},
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await operation(attempt);
      } catch (error) {
        if (attempt >= this.options.maxAttempts || !isRetriable(error) || !shouldContinue())
          throw error;
        const delayMs = this.delayFor(attempt, retryAfterMs?.(error));
        onRetry?.({ attempt, error, delayMs });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }
}
