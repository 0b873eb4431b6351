/** The developer app whose webhooks the sim delivers (Webhooks API v3, one portal installed). */
export interface HubSpotWebhookOptions {
  /** The app's id, `{appId}` in `/webhooks/v3/{appId}/...` and `appId` in events. */
  appId?: number;
  /** The portal (account) the app is installed in: `portalId` in events. */
  portalId?: number;
  /** Developer API keys accepted as `?hapikey=`; any non-empty key when absent. */
  developerApiKeys?: string[];
  /** The app's client secret: signs deliveries. Set at start only; no API reveals it. */
  clientSecret?: string;
  /**
   * Test-time only: multiplies the retry backoff (HubSpot spreads retries over about a day);
   * e.g. 0.0001 turns the 2-minute first retry into 12 ms. Default 1.
   */
  retryTimeScale?: number;
  /** How long a delivery may take before it counts as failed (HubSpot: 5 s). */
  timeoutMs?: number;
}
