/**
 * What the cache holds for one record with its data left as the canonical JSON it is stored as,
 * for readers that pass it on (the cache-api) instead of parsing and re-serialising it.
 */
export type CachedRecordJson =
  { deleted: false; version: number; json: string } | { deleted: true; version: number };
