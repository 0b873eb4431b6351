import { ReconcileScopeException } from '../exceptions/reconcile-scope.exception';
import { AdaptiveBatchOptions } from '../types/adaptive-batch-options.type';

/**
 * The next batch's size, from how recent batches fared: multiplicative growth on success,
 * halving on a failure or throttling, a gentle shrink when a batch succeeded but took longer than
 * the target. Always an integer within [min, max].
 */
export class AdaptiveBatchSizer {
  readonly min: number;
  readonly max: number;
  private current: number;
  private readonly growFactor: number;
  private readonly shrinkFactor: number;
  private readonly slowFactor: number;

  constructor(private readonly options: AdaptiveBatchOptions) {
    const { initial, min, max } = options;
    if (!(Number.isInteger(min) && min >= 1 && Number.isInteger(max) && max >= min)) {
      throw new ReconcileScopeException(`batch sizes need 1 <= min <= max, got ${min}..${max}`);
    }
    this.min = min;
    this.max = max;
    this.current = clamp(Math.round(initial), min, max);
    this.growFactor = options.growFactor ?? 1.5;
    this.shrinkFactor = options.shrinkFactor ?? 0.5;
    this.slowFactor = options.slowFactor ?? 0.8;
  }

  get size(): number {
    return this.current;
  }

  get atMinimum(): boolean {
    return this.current === this.min;
  }

  /** A batch went through in `durationMs`. */
  succeeded(durationMs = 0): void {
    const { targetLatencyMs } = this.options;
    if (targetLatencyMs !== undefined && durationMs > targetLatencyMs) {
      this.resize(Math.floor(this.current * this.slowFactor));
    } else {
      // At least one more, so that a size of 1 can grow at all.
      this.resize(Math.max(this.current + 1, Math.round(this.current * this.growFactor)));
    }
  }

  /** A batch failed: the next one is smaller. */
  failed(): void {
    this.resize(Math.floor(this.current * this.shrinkFactor));
  }

  /** A batch was throttled (rate limit, 429): fewer records per call, as for a failure. */
  throttled(): void {
    this.failed();
  }

  private resize(size: number): void {
    this.current = clamp(size, this.min, this.max);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
