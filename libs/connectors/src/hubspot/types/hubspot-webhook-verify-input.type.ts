import type { WebhookHeaders } from '../../types/webhook-headers.type';

export interface HubSpotWebhookVerifyInput {
  method: string;
  /**
   * The full URL HubSpot posted to, as it signed it: the app's target URL (https, host, path and
   * query), not the one a proxy in front of the receiver rewrote it to.
   */
  url: string;
  /** The body exactly as received, before any JSON parsing. */
  rawBody: string | Buffer;
  headers: WebhookHeaders;
  /** The app's client secret. */
  clientSecret: string;
  now: number | Date;
  /** Default 5 minutes, HubSpot's own bound. */
  maxAgeMs?: number;
}
