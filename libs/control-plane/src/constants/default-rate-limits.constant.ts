import { DestinationRateLimit } from '@syncline/persistence';

/**
 * Conservative defaults when an admin sets none: HubSpot private apps get 190 calls per 10 s
 * (Professional), Salesforce a daily allowance; REST endpoints are unknown, so modest.
 */
export const DEFAULT_RATE_LIMITS: Record<'hubspot' | 'salesforce' | 'rest', DestinationRateLimit> =
  {
    hubspot: { requestsPerInterval: 190, intervalMs: 10_000, dailyLimit: 625_000 },
    salesforce: { requestsPerInterval: 25, intervalMs: 1000, dailyLimit: 100_000 },
    rest: { requestsPerInterval: 10, intervalMs: 1000 },
  };
