import { SynclineException } from '@syncline/errors';

/**
 * Why a delivery failed. `transient` and `rate_limited` are retried with backoff (at least
 * `retryAfterMs` later); `permanent` goes to the destination's DLQ at once.
 */
export type DeliveryErrorClass = 'transient' | 'rate_limited' | 'permanent';

export class DeliveryException extends SynclineException {
  readonly code = 'DELIVERY_FAILED';
  readonly retriable: boolean;

  constructor(
    readonly errorClass: DeliveryErrorClass,
    message: string,
    readonly details: {
      status?: number;
      crmCode?: string;
      retryAfterMs?: number;
      policy?: 'interval' | 'daily';
    } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.retriable = errorClass !== 'permanent';
  }
}
