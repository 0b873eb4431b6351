import { SynclineException } from '@syncline/errors';

/** An If-Match precondition failed: the row is at `currentVersion`, not the expected one. */
export class VersionConflictException extends SynclineException {
  readonly code = 'VERSION_CONFLICT';
  readonly retriable = false;

  constructor(
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(`expected version ${expectedVersion}, the record is at version ${currentVersion}`);
  }
}
