/** Bounds and pace of an adaptive batch size. */
export interface AdaptiveBatchOptions {
  initial: number;
  min: number;
  max: number;
  /** Size factor after a success (default 1.5); a success slower than `targetLatencyMs` does not grow. */
  growFactor?: number;
  /** Size factor after a failure or throttling (default 0.5). */
  shrinkFactor?: number;
  /** A batch slower than this shrinks the size gently (by `slowFactor`, default 0.8) even though it succeeded. */
  targetLatencyMs?: number;
  slowFactor?: number;
}
