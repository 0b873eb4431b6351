import type { CanonicalRecord } from '@syncline/records';
import { SyncRules } from './sync-rules.type';

interface DecideSyncCommon {
  rules: SyncRules;
  /**
   * Whether the destination holds this record (it was sent and not archived since). Absent =
   * unknown: an upsert counts as a first delivery, a delete archives (archiving an identity the
   * destination never had succeeds), so either way the destination ends in the right state.
   */
  previouslyDelivered?: boolean;
}

/** An upsert carries the record's current canonical state; a delete has none (tombstone). */
export type DecideSyncInput = DecideSyncCommon &
  (
    | {
        operation: 'upsert';
        record: CanonicalRecord;
        /** Columns (or `<json column>.<key>`) that changed; absent = unknown, treated as all. */
        changedFields?: readonly string[];
      }
    | { operation: 'delete'; record?: undefined; changedFields?: readonly string[] }
  );
