/** A destination's allowance: `requestsPerInterval` calls in any `intervalMs` span, and per UTC day. */
export interface RateLimit {
  requestsPerInterval: number;
  intervalMs: number;
  dailyLimit?: number;
}
