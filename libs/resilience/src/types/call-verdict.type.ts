/**
 * What one call through a circuit breaker says about the destination's health: `success` (it
 * answered), `failure` (an outage-like error: counts toward opening), `neutral` (nothing learned:
 * the call was not attempted, was throttled, or failed for a reason that is not the destination's).
 */
export type CallVerdict = 'success' | 'failure' | 'neutral';
