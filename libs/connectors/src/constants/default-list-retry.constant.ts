import type { RetryOptions } from '@syncline/resilience';

/**
 * Page fetches inside `listAll` retry transient and interval-limited failures (honouring
 * Retry-After) so a long scan does not restart from scratch; a daily limit ends the scan at once.
 */
export const DEFAULT_LIST_RETRY: Partial<RetryOptions> = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxAttempts: 5,
};
