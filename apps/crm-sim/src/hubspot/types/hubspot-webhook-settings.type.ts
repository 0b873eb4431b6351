import type { HubSpotWebhookThrottling } from './hubspot-webhook-throttling.type';

/** `GET /webhooks/v3/{appId}/settings`: where and how fast events are delivered. */
export interface HubSpotWebhookSettings {
  targetUrl: string;
  throttling: HubSpotWebhookThrottling;
  createdAt: string;
  updatedAt: string;
}
