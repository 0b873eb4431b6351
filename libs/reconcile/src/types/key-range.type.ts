/**
 * A slice of the uuid space by its leading hex digits (`prefix`): ids `>= lo` and `< hi` (no
 * `hi` for the last slice). Postgres orders uuids like their lower-case hex text, so the same
 * bounds serve `WHERE id >= $lo AND id < $hi` and a prefix test on cache keys.
 */
export interface KeyRange {
  index: number;
  depth: number;
  prefix: string;
  lo: string;
  hi?: string;
}
