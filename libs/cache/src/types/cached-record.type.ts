import { RecordRef } from './record-ref.type';

/** What the cache holds for one record: its data at `version`, or a tombstone. */
export type CachedRecord =
  | (RecordRef & { deleted: false; version: number; data: Record<string, unknown> })
  | (RecordRef & { deleted: true; version: number });
