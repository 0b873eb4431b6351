import { RetryPolicy } from './retry-policy';

export type CircuitState = 'closed' | 'open' | 'half_open';

/**
 * One per destination: after `failureThreshold` consecutive transient failures the circuit opens
 * and calls are refused until the open period (growing with each re-open, by the retry policy)
 * has passed; then one probe call is let through (half-open): success closes, failure re-opens.
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

  /** 0 when a call may go now, else ms until it may. */
  waitMs(): number {
    if (this.state === 'closed') return 0;
    const remaining = this.openUntil - this.now();
    if (remaining > 0) return remaining;
    if (this.probing) return 100;
    this.state = 'half_open';
    this.probing = true;
    return 0;
  }

  get current(): CircuitState {
    return this.state;
  }

  recordSuccess(): void {
    this.state = 'closed';
    this.consecutiveFailures = 0;
    this.opens = 0;
    this.probing = false;
  }

  recordFailure(): void {
    this.consecutiveFailures += 1;
    this.probing = false;
    if (this.state === 'half_open' || this.consecutiveFailures >= this.failureThreshold) {
      this.opens += 1;
      this.state = 'open';
      this.openUntil = this.now() + this.backoff.delayFor(this.opens);
    }
  }
}
