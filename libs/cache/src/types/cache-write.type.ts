import { RecordRef } from './record-ref.type';

/**
 * One version-guarded write. `data` is the record's canonical JSON; a delete carries none and
 * leaves a tombstone at `version`.
 */
export type CacheWrite =
  | (RecordRef & { kind: 'upsert'; version: number; data: Record<string, unknown> })
  | (RecordRef & { kind: 'delete'; version: number });
