import { createHash } from 'node:crypto';

/**
 * The digest of a record's data as stored (its canonical JSON text): sha1 hex, what Redis'
 * `redis.sha1hex` gives for the cached `d` field, so that a summary compares content without
 * moving it.
 */
export function contentDigest(json: string): string {
  return createHash('sha1').update(json, 'utf8').digest('hex');
}

/** A digest's share of a bucket's content checksum: its first 32 bits. */
export function digestPart(digest: string): number {
  return digest === '' ? 0 : parseInt(digest.slice(0, 8), 16);
}
