import { SynclineException } from '@syncline/errors';

/** A collection name or source table that no collection covers. */
export class UnknownCollectionException extends SynclineException {
  readonly code = 'UNKNOWN_COLLECTION';
  readonly retriable = false;

  constructor(readonly nameOrTable: string) {
    super(`unknown collection or table: ${JSON.stringify(nameOrTable)}`);
  }
}
