/** HubSpot's webhook delivery rules (Webhooks API v3) and the sim's default app. */
export const HUBSPOT_WEBHOOK_DEFAULTS = Object.freeze({
  appId: 1_160_452,
  portalId: 62_515,
  /** Events per POST. */
  maxEventsPerRequest: 100,
  /** Retries after the first attempt. */
  maxRetries: 10,
  /** First retry after 2 minutes, doubling, each wait capped, randomised: ~a day in all. */
  firstRetryDelayMs: 120_000,
  maxRetryDelayMs: 6 * 3_600_000,
  retryJitter: 0.2,
  timeoutMs: 5_000,
  /** settings.throttling.maxConcurrentRequests lower bound. */
  minConcurrentRequests: 5,
  /** Events written close together leave in one POST. */
  batchWindowMs: 10,
});
