import { createHash } from 'node:crypto';

/**
 * The bucket of a record id at `depth` hex digits: the leading digits of md5(id) as a number,
 * the same as Postgres' `left(md5(<recordIdSql>), depth)` (md5 of the id's UTF-8 bytes).
 */
export function bucketOf(id: string, depth: number): number {
  return parseInt(bucketPrefixOf(id, depth), 16);
}

/** The bucket's leading hex digits, as SQL compares them. */
export function bucketPrefixOf(id: string, depth: number): string {
  return createHash('md5').update(id, 'utf8').digest('hex').slice(0, depth);
}

/** The hex digits of bucket `index` at `depth`. */
export function bucketPrefix(index: number, depth: number): string {
  return index.toString(16).padStart(depth, '0');
}
