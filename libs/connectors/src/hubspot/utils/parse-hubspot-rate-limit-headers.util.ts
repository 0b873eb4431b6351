import type { RateLimitObservation } from '../../types/rate-limit-observation.type';

const FIELDS: [header: string, field: keyof RateLimitObservation][] = [
  ['x-hubspot-ratelimit-remaining', 'intervalRemaining'],
  ['x-hubspot-ratelimit-max', 'intervalMax'],
  ['x-hubspot-ratelimit-interval-milliseconds', 'intervalMs'],
  ['x-hubspot-ratelimit-daily-remaining', 'dailyRemaining'],
  ['x-hubspot-ratelimit-daily', 'dailyMax'],
];

/** `X-HubSpot-RateLimit-*` (lower-cased names) as an observation; undefined when none is there. */
export function parseHubSpotRateLimitHeaders(
  headers: Record<string, string> | undefined,
): RateLimitObservation | undefined {
  if (!headers) return undefined;
  const observation: RateLimitObservation = {};
  for (const [header, field] of FIELDS) {
    const value = Number(headers[header]);
    if (headers[header] !== undefined && headers[header] !== '' && Number.isFinite(value)) {
      observation[field] = value;
    }
  }
  return Object.keys(observation).length > 0 ? observation : undefined;
}
