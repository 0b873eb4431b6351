import type { HubSpotWebhookEvent } from './hubspot-webhook-event.type';

/** Events waiting to go out together, at their attempt number. */
export interface HubSpotWebhookBatch {
  events: HubSpotWebhookEvent[];
  attemptNumber: number;
  duplicate: boolean;
}
