import { SynclineException } from '@syncline/errors';

/**
 * A notification the channel did not take. Retriable (the receiver is down, answered 5xx or 429,
 * the SMTP server said 4xx): sent again later with the retry policy's backoff. Not retriable (4xx,
 * SMTP 5xx, no SMTP configured): recorded as failed.
 */
export class NotificationFailedException extends SynclineException {
  readonly code = 'NOTIFICATION_FAILED';

  constructor(
    message: string,
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
