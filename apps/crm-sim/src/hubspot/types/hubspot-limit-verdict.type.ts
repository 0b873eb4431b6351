export type HubSpotLimitPolicy = 'DAILY' | 'TEN_SECONDLY_ROLLING' | 'SECONDLY';

/** The rate limiter's answer for one call, with the header values to send. */
export interface HubSpotLimitVerdict {
  allowed: boolean;
  policy?: HubSpotLimitPolicy;
  retryAfterSeconds?: number;
  headers: Record<string, string>;
}
