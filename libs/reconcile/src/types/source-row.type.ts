import type { CanonicalRecord } from '@syncline/records';

/** A row of a collection read from Postgres, in the forms the comparison needs. */
export interface SourceRow {
  tenant: string;
  /** recordIdOf the row. */
  id: string;
  /** Its version column's value; undefined for WAL-position collections. */
  version?: number;
  record: CanonicalRecord;
  /** JSON.stringify(record): the text the writers store. */
  json: string;
  /** contentDigest(json). */
  digest: string;
}
