/** One row of a Postgres manifest: its id, version and last change (ms since epoch). */
export interface ManifestEntry {
  id: string;
  version: number;
  updatedMs: number;
}
