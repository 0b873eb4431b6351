/**
 * What a response said about the destination's limits (X-HubSpot-RateLimit-*, Sforce-Limit-Info),
 * reported after every call so that the shared limiter can adapt.
 */
export interface RateLimitObservation {
  /** Calls left in the current short window (HubSpot ten-secondly) and its length. */
  intervalRemaining?: number;
  intervalMax?: number;
  intervalMs?: number;
  /** Calls left today / the daily allowance (HubSpot daily, Salesforce api-usage). */
  dailyRemaining?: number;
  dailyMax?: number;
}
