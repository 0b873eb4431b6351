/** Why a destination's batch was put back. */
export type HoldReason = 'rate_limited' | 'circuit' | 'transient' | 'paused';

/**
 * `done`: every record of the batch is delivered, skipped or dead-lettered, so its offsets may be
 * committed. Otherwise the batch goes back to the queue for `holdMs` (rate limit, circuit, outage).
 */
export type DeliveryOutcome = { done: true } | { done: false; holdMs: number; reason: HoldReason };
