import { BreakerClassifiers } from '../types/breaker-classifiers.type';
import { BreakerResult } from '../types/breaker-result.type';
import { CallVerdict } from '../types/call-verdict.type';
import { RetryPolicy } from './retry-policy';

export type CircuitState = 'closed' | 'open' | 'half_open';

/** How long a caller waits while another call is the half-open probe. */
const PROBE_IN_FLIGHT_WAIT_MS = 100;

/**
 * One per destination: after `failureThreshold` consecutive failures the circuit opens and calls
 * are refused until the open period (growing with each re-open, by the retry policy) has passed;
 * then one probe call is let through (half-open): success closes, failure re-opens.
 *
 * The only way in is `execute`: it admits the call, runs it, and always settles it (in `finally`),
 * so a probe that ends in anything else than a success or a failure (throttled, not attempted, an
 * unrelated error) releases the half-open slot instead of holding every later call for good.
 */
export class CircuitBreaker {
  private state: CircuitState = 'closed';
  private consecutiveFailures = 0;
  private opens = 0;
  private openUntil = 0;
  private probing = false;

  constructor(
    private readonly failureThreshold = 5,
    private readonly backoff = new RetryPolicy({ initialDelayMs: 1000, maxDelayMs: 60_000 }),
    private readonly now: () => number = Date.now,
  ) {}

  get current(): CircuitState {
    return this.state;
  }

  /** Runs `call` if the circuit admits it; a thrown error is classified, settled and rethrown. */
  async execute<T>(
    call: () => Promise<T>,
    classify: BreakerClassifiers<T> = {},
  ): Promise<BreakerResult<T>> {
    const waitMs = this.admit();
    if (waitMs > 0) return { admitted: false, waitMs };
    let verdict: CallVerdict = 'neutral';
    try {
      const value = await call();
      verdict = (classify.result ?? (() => 'success'))(value);
      return { admitted: true, value };
    } catch (error) {
      verdict = (classify.error ?? byRetriableFlag)(error);
      throw error;
    } finally {
      this.settle(verdict);
    }
  }

  /** 0 when a call may go now (taking the probe slot when half-open), else ms until it may. */
  private admit(): number {
    if (this.state === 'closed') return 0;
    const remaining = this.openUntil - this.now();
    if (remaining > 0) return remaining;
    if (this.probing) return PROBE_IN_FLIGHT_WAIT_MS;
    this.state = 'half_open';
    this.probing = true;
    return 0;
  }

  private settle(verdict: CallVerdict): void {
    this.probing = false;
    if (verdict === 'success') {
      this.state = 'closed';
      this.consecutiveFailures = 0;
      this.opens = 0;
    } else if (verdict === 'failure') {
      this.consecutiveFailures += 1;
      if (this.state === 'half_open' || this.consecutiveFailures >= this.failureThreshold) {
        this.opens += 1;
        this.state = 'open';
        this.openUntil = this.now() + this.backoff.delayFor(this.opens);
      }
    }
    // neutral: nothing learned; a half-open circuit stays half-open and lets the next probe through.
  }
}

function byRetriableFlag(error: unknown): CallVerdict {
  const retriable = (error as { retriable?: unknown } | null)?.retriable;
  return retriable === true ? 'failure' : 'neutral';
}
