/** Whether a call may go now; if not, how long to wait and why. `used` counts the current window. */
export type RateDecision =
  | { granted: true; used: number }
  | { granted: false; waitMs: number; used: number; reason: 'window' | 'daily' | 'blocked' };
