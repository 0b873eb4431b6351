import type { HubSpotLimitPolicy } from '../types/hubspot-limit-policy.type';
import { hubSpotErrorBody } from './hubspot-error-body.util';

const MESSAGES: Record<HubSpotLimitPolicy, string> = {
  DAILY: 'You have reached your daily limit.',
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  // The exact text @hubspot/api-client's RetryDecorator matches to retry search calls.
  SECONDLY: 'You have reached your secondly limit.',
};

/** The body HubSpot sends with a 429. */
export function hubSpotRateLimitBody(policy: HubSpotLimitPolicy): Record<string, unknown> {
  return hubSpotErrorBody('RATE_LIMITS', MESSAGES[policy], {
    errorType: 'RATE_LIMIT',
    policyName: policy,
  });
}
