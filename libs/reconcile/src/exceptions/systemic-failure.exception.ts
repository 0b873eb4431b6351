import { SynclineException } from '@syncline/errors';

/** Postgres or Redis cannot be reached: the run cannot go on, and says so (exit code 1). */
export class SystemicFailureException extends SynclineException {
  readonly code = 'RECONCILE_SYSTEMIC_FAILURE';
  readonly retriable = true;
}
