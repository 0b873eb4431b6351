import { RetryPolicy } from '@syncline/resilience';
import { RECONCILE_DEFAULTS } from '../constants/reconcile-defaults.constant';
import { SourceFailedException } from '../exceptions/source-failed.exception';
import { SystemicFailureException } from '../exceptions/systemic-failure.exception';
import { BatchFailure } from '../types/batch-failure.type';
import { BatchRunResult } from '../types/batch-run-result.type';
import { BatchRunnerOptions } from '../types/batch-runner-options.type';
import { SkippedBatch } from '../types/skipped-batch.type';
import { errorMessage } from '../utils/error-message.util';
import { AdaptiveBatchSizer } from './adaptive-batch-sizer';

/**
 * Feeds items from a paged source (an async generator: bounded memory) to `process` in batches
 * whose size adapts to how recent batches fared. A failing batch is retried smaller, with
 * backoff; one that still fails at the minimum size is skipped with a recorded error (skip-ahead),
 * so one bad range cannot stall a run; after `maxConsecutiveSkips` skips in a row the rest of the
 * source is given up. Throttled batches wait and retry. A systemic failure ends the run.
 *
 * The sizer lives as long as the runner: what one range taught carries over to the next.
 */
export class BatchRunner {
  readonly sizer: AdaptiveBatchSizer;
  private readonly retry: RetryPolicy;
  private readonly classify: (error: unknown) => BatchFailure;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly options: BatchRunnerOptions) {
    this.sizer = new AdaptiveBatchSizer(options.batch);
    this.retry = options.retry ?? new RetryPolicy(RECONCILE_DEFAULTS.retry);
    this.classify = options.classify ?? (() => ({ kind: 'failed' }));
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
  }

  /**
   * Runs `process` over every item of `source`. `label` names a batch in a skip record (say its
   * first and last id). Throws `SourceFailedException` when the source itself fails and
   * `SystemicFailureException` when a failure is systemic.
   */
  async run<T>(
    source: AsyncIterable<readonly T[]>,
    process: (batch: readonly T[]) => Promise<void>,
    label: (batch: readonly T[]) => string,
  ): Promise<BatchRunResult> {
    const maxSkips = this.options.maxConsecutiveSkips ?? RECONCILE_DEFAULTS.maxConsecutiveSkips;
    const attemptsAtMinimum =
      this.options.attemptsAtMinimum ?? RECONCILE_DEFAULTS.attemptsAtMinimum;
    const maxThrottleWaits = this.options.maxThrottleWaits ?? RECONCILE_DEFAULTS.maxThrottleWaits;
    const result: BatchRunResult = { batches: 0, processed: 0, skipped: [] };
    const iterator = source[Symbol.asyncIterator]();
    let buffer: T[] = [];
    let exhausted = false;
    let failures = 0;
    let failuresAtMinimum = 0;
    let throttles = 0;
    let consecutiveSkips = 0;

    const fill = async (wanted: number): Promise<void> => {
      while (!exhausted && buffer.length < wanted) {
        let next: IteratorResult<readonly T[]>;
        try {
          next = await iterator.next();
        } catch (error) {
          exhausted = true;
          throw new SourceFailedException(`reading the items failed: ${errorMessage(error)}`, {
            cause: error,
          });
        }
        if (next.done) exhausted = true;
        else for (const item of next.value) buffer.push(item);
      }
    };

    try {
      for (;;) {
        await fill(this.sizer.size);
        if (buffer.length === 0) return result;
        const size = Math.min(this.sizer.size, buffer.length);
        const batch = buffer.slice(0, size);
        const started = this.now();
        try {
          await process(batch);
        } catch (error) {
          const failure = this.classify(error);
          if (failure.kind === 'fatal') {
            throw new SystemicFailureException(errorMessage(error), { cause: error });
          }
          if (failure.kind === 'throttled' && throttles < maxThrottleWaits) {
            throttles += 1;
            this.sizer.throttled();
            await this.sleep(failure.waitMs ?? this.retry.delayFor(throttles));
            continue;
          }
          const atMinimum = size <= this.sizer.min;
          this.sizer.failed();
          failures += 1;
          if (atMinimum) failuresAtMinimum += 1;
          if (!atMinimum || failuresAtMinimum < attemptsAtMinimum) {
            await this.sleep(this.retry.delayFor(failures));
            continue;
          }
          if (await this.options.isSystemic?.(error)) {
            throw new SystemicFailureException(errorMessage(error), { cause: error });
          }
          result.skipped.push(skip(label(batch), size, error));
          buffer = buffer.slice(size);
          failures = failuresAtMinimum = throttles = 0;
          consecutiveSkips += 1;
          if (consecutiveSkips >= maxSkips) {
            result.abandoned = `gave up after ${consecutiveSkips} failing batches in a row: ${errorMessage(error)}`;
            return result;
          }
          continue;
        }
        this.sizer.succeeded(this.now() - started);
        buffer = buffer.slice(size);
        result.batches += 1;
        result.processed += size;
        failures = failuresAtMinimum = throttles = consecutiveSkips = 0;
      }
    } finally {
      if (!exhausted) await iterator.return?.(undefined);
    }
  }
}

function skip(label: string, size: number, error: unknown): SkippedBatch {
  return { label, size, message: errorMessage(error) };
}
