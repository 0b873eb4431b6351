import { RetryPolicy } from '@syncline/resilience';
import { DeliveryException } from '../exceptions/delivery.exception';

/**
 * One page fetch of a `listAll` scan, retried on transient failures and interval rate limits
 * (never sooner than Retry-After). A daily limit or a permanent error ends the scan at once.
 * `rateLimitWindowMs`: how long a rate-limited answer without Retry-After is waited out at least
 * (the CRM's limit window), so the retries outlast the window that refused the page.
 */
export function fetchPageWithRetry<T>(
  policy: RetryPolicy,
  fetchPage: () => Promise<T>,
  rateLimitWindowMs?: number,
): Promise<T> {
  return policy.run(() => fetchPage(), {
    isRetriable: (error) =>
      error instanceof DeliveryException && error.retriable && error.details.policy !== 'daily',
    retryAfterMs: (error) => {
      if (!(error instanceof DeliveryException)) return undefined;
      if (error.details.retryAfterMs !== undefined) return error.details.retryAfterMs;
      return error.errorClass === 'rate_limited' ? rateLimitWindowMs : undefined;
    },
  });
}
