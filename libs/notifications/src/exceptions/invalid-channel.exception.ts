import { SynclineException } from '@syncline/errors';

/** A notification channel request that cannot be stored as it is; `issues` name the fields. */
export class InvalidChannelException extends SynclineException {
  readonly code = 'INVALID_NOTIFICATION_CHANNEL';
  readonly retriable = false;

  constructor(readonly issues: readonly { path: string; message: string }[]) {
    super(
      `invalid notification channel: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    );
  }
}
