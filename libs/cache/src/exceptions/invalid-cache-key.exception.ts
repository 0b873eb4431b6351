import { SynclineException } from '@syncline/errors';

/** A key part that would make keys ambiguous (a separator, a glob character, or empty). */
export class InvalidCacheKeyException extends SynclineException {
  readonly code = 'INVALID_CACHE_KEY';
  readonly retriable = false;

  constructor(part: string, value: string) {
    super(`invalid ${part} for a cache key: ${JSON.stringify(value)}`);
  }
}
