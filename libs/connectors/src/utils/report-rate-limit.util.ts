import type { RateLimitObservation } from '../types/rate-limit-observation.type';

/**
 * Hands an observation to the owner's hook when it says anything. A throwing hook must not turn a
 * delivered batch into a failed one, so its errors are swallowed.
 */
export function reportRateLimit(
  hook: ((observation: RateLimitObservation) => void) | undefined,
  observation: RateLimitObservation | undefined,
): void {
  if (!hook || !observation || Object.keys(observation).length === 0) return;
  try {
    hook(observation);
  } catch {
    // The limiter is advisory; delivery goes on without this observation.
  }
}
