export interface HubSpotWebhookThrottling {
  maxConcurrentRequests: number;
  period?: 'SECONDLY' | 'ROLLING_MINUTE';
}
