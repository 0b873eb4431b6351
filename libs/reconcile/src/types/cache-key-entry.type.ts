/** A live cache record found by a scan: whose it is, and its version. */
export interface CacheKeyEntry {
  tenant: string;
  entity: string;
  id: string;
  version: number;
}
