import { SynclineException } from '@syncline/errors';

/** A run asked for something that does not exist or makes no sense (bad flags): exit code 2. */
export class ReconcileScopeException extends SynclineException {
  readonly code = 'RECONCILE_BAD_SCOPE';
  readonly retriable = false;
}
