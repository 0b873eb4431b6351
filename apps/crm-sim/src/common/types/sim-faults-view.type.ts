import type { OutageMode } from './outage-mode.type';
import type { RecordErrorRule } from './record-error-rule.type';

/** What `GET /__sim/faults` shows: the active faults with the time left in each window. */
export interface SimFaultsView {
  errorRate: number;
  errorStatus: number;
  latencyMs: number;
  latencyJitterMs: number;
  outageRemainingMs: number;
  outageMode: OutageMode;
  throttleRemainingMs: number;
  throttleRetryAfterSeconds: number | null;
  recordErrors: RecordErrorRule[];
  pathPattern: string | null;
}
