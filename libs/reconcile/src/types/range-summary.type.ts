/**
 * The cheap fingerprint of one key range on one side: how many live records, their highest
 * version, and the sum of their versions modulo 2^32 (a checksum that differs when a version is
 * missing, stale or extra, where count and max alone could balance out).
 */
export interface RangeSummary {
  count: number;
  maxVersion: number;
  checksum: number;
}
