import { RetryPolicy } from '@syncline/resilience';
import { DeliveryException } from '../exceptions/delivery.exception';

/**
 * One page fetch of a `listAll` scan, retried on transient failures and interval rate limits
 * (never sooner than Retry-After). A daily limit or a permanent error ends the scan at once.
 */
export function fetchPageWithRetry<T>(
  policy: RetryPolicy,
  fetchPage: () => Promise<T>,
): Promise<T> {
  return policy.run(() => fetchPage(), {
    isRetriable: (error) =>
      error instanceof DeliveryException && error.retriable && error.details.policy !== 'daily',
    retryAfterMs: (error) =>
      error instanceof DeliveryException ? error.details.retryAfterMs : undefined,
  });
}
