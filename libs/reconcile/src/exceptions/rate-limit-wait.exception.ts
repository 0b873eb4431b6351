import { SynclineException } from '@syncline/errors';

/** The shared rate limiter granted no slot in time: the batch waits and is tried again. */
export class RateLimitWaitException extends SynclineException {
  readonly code = 'RECONCILE_RATE_LIMITED';
  readonly retriable = true;

  constructor(
    readonly waitMs: number,
    message: string,
  ) {
    super(message);
  }
}
