/** Relative weights of cache-api requests: read by id, batch read, write-through (PATCH). */
export interface ApiMix {
  get: number;
  batch: number;
  write: number;
}
