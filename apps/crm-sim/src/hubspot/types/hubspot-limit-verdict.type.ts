import type { HubSpotLimitPolicy } from './hubspot-limit-policy.type';

/** The rate limiter's answer for one call, with the header values to send. */
export interface HubSpotLimitVerdict {
  allowed: boolean;
  policy?: HubSpotLimitPolicy;
  retryAfterSeconds?: number;
  headers: Record<string, string>;
}
