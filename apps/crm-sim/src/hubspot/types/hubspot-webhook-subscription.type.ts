/** One event subscription of the app, as `/webhooks/v3/{appId}/subscriptions` returns it. */
export interface HubSpotWebhookSubscription {
  id: string;
  eventType: string;
  propertyName?: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}
