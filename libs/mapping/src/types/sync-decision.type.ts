import { SyncDecisionReason } from './sync-decision-reason.type';

/** What the delivery-worker does with one record for one destination. */
export interface SyncDecision {
  action: 'upsert' | 'archive' | 'skip';
  reason: SyncDecisionReason;
}
