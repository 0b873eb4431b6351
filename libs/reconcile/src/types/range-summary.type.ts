/**
 * The cheap fingerprint of one bucket on one side: how many live records, their highest version,
 * the sum of their versions modulo 2^32 (differs when a version is missing, stale or extra, where
 * count and max alone could balance out) and the sum of their content digests' first 32 bits
 * modulo 2^32 (differs when the data differs at the same version). WAL-position collections
 * summarise no versions (Postgres has none to compare): count and content only.
 */
export interface RangeSummary {
  count: number;
  maxVersion: number;
  checksum: number;
  contentChecksum: number;
}
