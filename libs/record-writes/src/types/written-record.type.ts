import { CanonicalRecord } from '@syncline/records';

/** A record as a write left it: committed in Postgres, at the version the cache got. */
export interface WrittenRecord {
  tenant: string;
  entity: string;
  id: string;
  version: number;
  data: CanonicalRecord;
}
