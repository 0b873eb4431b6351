import { SynclineException } from '@syncline/errors';

/** A table or entity name no definition covers. */
export class UnknownEntityException extends SynclineException {
  readonly code = 'UNKNOWN_TABLE';
  readonly retriable = false;

  constructor(readonly nameOrTable: string) {
    super(`unknown entity or table: ${JSON.stringify(nameOrTable)}`);
  }
}
