import type { SimResponse } from './sim-response.type';

/** Writes request-level fault responses in the vendor's own shape. */
export interface SimErrorResponder {
  unavailable(res: SimResponse): void;
  serverError(res: SimResponse, status: number): void;
  /**
   * A 429 storm's answer. Absent when the vendor's API never throttles with 429 (Salesforce
   * REST: its limits answer 403 REQUEST_LIMIT_EXCEEDED, simulated by the sim's real limits).
   */
  throttled?(res: SimResponse, retryAfterSeconds: number): void;
  /** Why a 429 storm cannot be switched on, when `throttled` is absent. */
  readonly noThrottleReason?: string;
}
