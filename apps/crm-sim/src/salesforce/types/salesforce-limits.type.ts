/** Org limits; changeable at runtime through `POST /__sim/limits`. */
export interface SalesforceLimits {
  /** API requests per rolling 24 h (Enterprise Edition starts at 100,000). */
  dailyApiRequests: number;
  /**
   * API requests in flight at once. Salesforce limits concurrent *long-running* (> 20 s)
   * requests to 25; the sim counts every in-flight request (matters with injected latency).
   * null: unlimited.
   */
  maxConcurrent: number | null;
}
