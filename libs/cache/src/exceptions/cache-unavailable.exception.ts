import { SynclineException } from '@syncline/errors';

/** Redis did not acknowledge: retry later, never treat the write as done. */
export class CacheUnavailableException extends SynclineException {
  readonly code = 'CACHE_UNAVAILABLE';
  readonly retriable = true;
}
