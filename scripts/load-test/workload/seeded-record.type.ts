/** A row inserted before the run for the cache-api to read. */
export interface SeededRecord {
  tenant: string;
  id: string;
}
