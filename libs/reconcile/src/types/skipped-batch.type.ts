/** A batch that kept failing at the minimum size and was skipped, so the run could go on. */
export interface SkippedBatch {
  /** Which items: `first..last` of the batch, as the caller labels them. */
  label: string;
  size: number;
  message: string;
}
