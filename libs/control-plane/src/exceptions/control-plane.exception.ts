import { SynclineException } from '@syncline/errors';

export type ControlPlaneErrorKind =
  'CREDENTIALS_UNREADABLE' | 'CREDENTIALS_KEY_MISSING' | 'NOT_FOUND' | 'INVALID_DESTINATION';

/** A control-plane request that cannot be honoured as it is: never retried. */
export class ControlPlaneException extends SynclineException {
  readonly code = 'CONTROL_PLANE';
  readonly retriable = false;

  constructor(
    readonly kind: ControlPlaneErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
