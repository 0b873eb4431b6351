/** How the receiver answered one delivery: its HTTP status, or 0 and why there was none. */
export interface HubSpotWebhookPostResult {
  status: number;
  error?: string;
  /** Seconds from a 429's Retry-After header. */
  retryAfterSeconds?: number;
}
