import type { RateLimitObservation } from '../../types/rate-limit-observation.type';

/** The de-facto `X-RateLimit-Limit/-Remaining` (or IETF `RateLimit-*`) headers, if sent. */
export function parseRestRateLimitHeaders(headers: Headers): RateLimitObservation | undefined {
  const read = (name: string): number | undefined => {
    const value = headers.get(`x-ratelimit-${name}`) ?? headers.get(`ratelimit-${name}`);
    const parsed = value === null ? NaN : Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  };
  const observation: RateLimitObservation = {};
  const max = read('limit');
  const remaining = read('remaining');
  if (max !== undefined) observation.intervalMax = max;
  if (remaining !== undefined) observation.intervalRemaining = remaining;
  return Object.keys(observation).length > 0 ? observation : undefined;
}
