import type { OutageMode } from './outage-mode.type';
import type { RecordErrorRule } from './record-error-rule.type';

/** Body of `POST /__sim/faults`: every key given replaces that fault, the others stay. */
export interface SimFaultsInput {
  /** Probability (0..1) that a call fails with `errorStatus`. */
  errorRate?: number;
  /** 5xx status for `errorRate` failures (default 500). */
  errorStatus?: number;
  latencyMs?: number;
  latencyJitterMs?: number;
  /** Every call fails for this long, starting now. */
  outageMs?: number;
  outageMode?: OutageMode;
  /** Every call gets a 429 for this long, starting now. */
  throttleMs?: number;
  /** Retry-After sent during a 429 storm (default: the seconds left in the storm). */
  throttleRetryAfterSeconds?: number;
  recordErrors?: RecordErrorRule[];
  /** Regular expression: request-level faults hit only matching paths. */
  pathPattern?: string;
}
