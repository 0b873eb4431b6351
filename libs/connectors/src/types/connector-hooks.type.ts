import type { RateLimitObservation } from './rate-limit-observation.type';

/** Callbacks a connector's owner (the delivery-worker's limiter, the reconciler) passes in. */
export interface ConnectorHooks {
  /** After every response that carried limit headers; exceptions thrown here are ignored. */
  onRateLimit?: (observation: RateLimitObservation) => void;
  /**
   * Before every search request (HubSpot: search has its own per-account limit, about 5
   * requests/s, apart from the general one): waits for a slot of that limit. A rejection fails
   * the request like a rate-limited answer would.
   */
  beforeSearch?: () => Promise<void>;
}
