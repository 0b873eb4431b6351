import type { HubSpotRateLimits } from '../types/hubspot-rate-limits.type';

/** HubSpot Professional private-app limits (2024): 625k a day, 190 per 10 s, search 5/s. */
export const HUBSPOT_DEFAULT_LIMITS: Readonly<HubSpotRateLimits> = Object.freeze({
  daily: 625_000,
  tenSecondly: 190,
  secondly: null,
  searchPerSecond: 5,
});
