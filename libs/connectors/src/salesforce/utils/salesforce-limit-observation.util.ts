import type { LimitInfo } from 'jsforce';
import type { RateLimitObservation } from '../../types/rate-limit-observation.type';

/** jsforce's `conn.limitInfo` (from `Sforce-Limit-Info: api-usage=N/M`) as an observation. */
export function salesforceLimitObservation(
  limitInfo: LimitInfo | undefined,
): RateLimitObservation | undefined {
  const usage = limitInfo?.apiUsage;
  if (!usage) return undefined;
  return { dailyMax: usage.limit, dailyRemaining: Math.max(0, usage.limit - usage.used) };
}
