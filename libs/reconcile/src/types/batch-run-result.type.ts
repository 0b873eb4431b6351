import { SkippedBatch } from './skipped-batch.type';

/** How a batch run went: what was processed, what was skipped, and whether it was given up. */
export interface BatchRunResult {
  batches: number;
  processed: number;
  skipped: SkippedBatch[];
  /** Set when too many batches in a row were skipped and the rest of the source was left. */
  abandoned?: string;
}
