import type { HubSpotChangeSource } from './hubspot-change-source.type';

/** One entry of the JSON array HubSpot POSTs to the app's target URL. */
export interface HubSpotWebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: string;
  attemptNumber: number;
  objectId: number;
  changeSource: HubSpotChangeSource;
  propertyName?: string;
  propertyValue?: string;
}
