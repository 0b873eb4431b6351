/** What the cache holds for one record, its data left as the JSON it is stored as. */
export type CachedRecordJson =
  { deleted: false; version: number; json: string } | { deleted: true; version: number };
