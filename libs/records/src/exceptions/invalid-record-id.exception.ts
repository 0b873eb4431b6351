import { SynclineException } from '@syncline/errors';

/** An id that cannot name a record of its collection (wrong number of key parts, not a number). */
export class InvalidRecordIdException extends SynclineException {
  readonly code = 'INVALID_RECORD_ID';
  readonly retriable = false;

  constructor(
    readonly collection: string,
    readonly id: string,
    reason: string,
  ) {
    super(`${JSON.stringify(id)} is not an id of ${collection}: ${reason}`);
  }
}
