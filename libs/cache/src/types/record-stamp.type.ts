/** What a manifest needs of a cached record: its version, and whether it is a tombstone. */
export interface RecordStamp {
  version: number;
  deleted: boolean;
}
