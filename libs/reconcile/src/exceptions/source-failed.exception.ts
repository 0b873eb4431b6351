import { SynclineException } from '@syncline/errors';

/** The stream of items a batch runner consumes (a Postgres page, a SCAN, a CRM listing) failed. */
export class SourceFailedException extends SynclineException {
  readonly code = 'RECONCILE_SOURCE_FAILED';
  readonly retriable = true;
}
