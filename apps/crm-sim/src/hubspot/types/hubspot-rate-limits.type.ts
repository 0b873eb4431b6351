/** Per-account limits; changeable at runtime through `POST /__sim/limits`. */
export interface HubSpotRateLimits {
  /** Requests per day (UTC day in the sim), header X-HubSpot-RateLimit-Daily. */
  daily: number;
  /** Requests per rolling 10 s, headers X-HubSpot-RateLimit-Max / -Remaining. */
  tenSecondly: number;
  /**
   * Requests per rolling second. null: not enforced, and the Secondly headers report
   * tenSecondly / 10 as HubSpot's informational value.
   */
  secondly: number | null;
  /** CRM search requests per rolling second (HubSpot: 5 per account). */
  searchPerSecond: number;
}
