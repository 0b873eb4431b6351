import { HUBSPOT_WEBHOOK_DEFAULTS } from '../constants/hubspot-webhook-defaults.constant';

/**
 * Wait before retry `retry` (1..10): 2 minutes doubling, each wait capped at 6 hours, ±20%
 * random so failed batches do not come back together; ten retries span about a day.
 * `timeScale` shortens it for tests only.
 */
export function hubSpotWebhookRetryDelay(
  retry: number,
  timeScale = 1,
  random: () => number = Math.random,
): number {
  const { firstRetryDelayMs, maxRetryDelayMs, retryJitter } = HUBSPOT_WEBHOOK_DEFAULTS;
  const base = Math.min(firstRetryDelayMs * 2 ** (retry - 1), maxRetryDelayMs);
  const jittered = base * (1 + retryJitter * (2 * random() - 1));
  return Math.round(jittered * timeScale);
}
