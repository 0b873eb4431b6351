import { SynclineException } from '@syncline/errors';

/** The collections config is unreadable or does not fit the database: start-up stops. */
export class CollectionsConfigException extends SynclineException {
  readonly code = 'BAD_COLLECTIONS_CONFIG';
  readonly retriable = false;

  constructor(readonly problems: readonly string[]) {
    super(`collections config: ${problems.join('; ')}`);
  }
}
