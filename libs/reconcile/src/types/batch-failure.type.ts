/**
 * How a batch runner treats an error: `throttled` waits (at least `waitMs`) and retries without
 * counting a failure; `failed` shrinks the batch and retries, skipping it at the minimum size;
 * `fatal` ends the run (Postgres or Redis unreachable).
 */
export type BatchFailure =
  { kind: 'throttled'; waitMs?: number } | { kind: 'failed' } | { kind: 'fatal' };
