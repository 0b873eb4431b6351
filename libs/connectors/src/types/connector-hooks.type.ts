import type { RateLimitObservation } from './rate-limit-observation.type';

/** Callbacks a connector's owner (the delivery-worker's limiter) passes in. */
export interface ConnectorHooks {
  /** After every response that carried limit headers; exceptions thrown here are ignored. */
  onRateLimit?: (observation: RateLimitObservation) => void;
}
