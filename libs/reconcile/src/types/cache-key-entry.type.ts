/** A live cache record found by a scan: whose it is, its version and its content digest. */
export interface CacheKeyEntry {
  tenant: string;
  entity: string;
  id: string;
  version: number;
  /** sha1 hex of the stored canonical JSON (see contentDigest). */
  digest: string;
}
