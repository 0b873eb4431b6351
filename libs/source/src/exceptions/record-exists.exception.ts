import { SynclineException } from '@syncline/errors';

/** A create hit an existing primary key or unique value (e.g. a unique column). */
export class RecordExistsException extends SynclineException {
  readonly code = 'RECORD_EXISTS';
  readonly retriable = false;

  constructor(readonly constraint: string | undefined) {
    super(`a record with the same ${constraint ?? 'key'} exists`);
  }
}
