import { HUBSPOT_WEBHOOK_DEFAULTS } from '../constants/hubspot-webhook-defaults.constant';
import { HubSpotApiException } from '../exceptions/hubspot-api.exception';
import type { HubSpotWebhookThrottling } from '../types/hubspot-webhook-throttling.type';

const PERIODS = new Set(['SECONDLY', 'ROLLING_MINUTE']);

/** `PUT /webhooks/v3/{appId}/settings` body: `{ targetUrl, throttling: { maxConcurrentRequests } }`. */
export function parseWebhookSettings(body: unknown): {
  targetUrl: string;
  throttling: HubSpotWebhookThrottling;
} {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { targetUrl, throttling } = input;
  // The sim also takes http:// so that tests can receive on loopback; HubSpot wants https.
  if (typeof targetUrl !== 'string' || !/^https?:\/\/[^/\s]+/.test(targetUrl)) {
    throw invalid('targetUrl must be an absolute URL', 'targetUrl');
  }
  const t = (typeof throttling === 'object' && throttling !== null ? throttling : {}) as Record<
    string,
    unknown
  >;
  const max = t.maxConcurrentRequests;
  const { minConcurrentRequests } = HUBSPOT_WEBHOOK_DEFAULTS;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < minConcurrentRequests) {
    throw invalid(
      `throttling.maxConcurrentRequests must be an integer of at least ${minConcurrentRequests}`,
      'throttling.maxConcurrentRequests',
    );
  }
  const parsed: HubSpotWebhookThrottling = { maxConcurrentRequests: max };
  if (t.period !== undefined) {
    if (typeof t.period !== 'string' || !PERIODS.has(t.period)) {
      throw invalid('throttling.period must be SECONDLY or ROLLING_MINUTE', 'throttling.period');
    }
    parsed.period = t.period as HubSpotWebhookThrottling['period'];
  }
  return { targetUrl, throttling: parsed };
}

function invalid(message: string, field: string): HubSpotApiException {
  return new HubSpotApiException(400, 'VALIDATION_ERROR', message, {
    context: { field: [field] },
  });
}
