import type { OutageMode } from './outage-mode.type';

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'outage'; mode: OutageMode; remainingMs: number }
  | { kind: 'throttle'; retryAfterSeconds: number }
  | { kind: 'error'; status: number };
