/**
 * Why a destination's batch was put back. `revoked`: the partition is no longer this replica's;
 * `control_plane`: a task's mapping could not be confirmed (the control plane was unreadable);
 * `inbound_pending`: a record's inbound change from this destination is being written to the
 * source (sending the row now would send the value the CRM user just replaced).
 */
export type HoldReason =
  | 'rate_limited'
  | 'circuit'
  | 'transient'
  | 'paused'
  | 'revoked'
  | 'control_plane'
  | 'inbound_pending';

/**
 * `done`: every record of the batch is delivered, skipped or dead-lettered, so its offsets may be
 * committed. Otherwise the batch goes back to the queue for `holdMs` (rate limit, circuit, outage).
 */
export type DeliveryOutcome = { done: true } | { done: false; holdMs: number; reason: HoldReason };
