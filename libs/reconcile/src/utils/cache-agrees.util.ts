import { CollectionDefinition } from '@syncline/records';
import { SourceRow } from '../types/source-row.type';
import { sameContent } from './same-content.util';

/**
 * First look: whether the cache holds the row as it is (live, at the row's version for a
 * version-column collection, with its content). A tombstone at or above a row's version counts
 * too: its delete is on the way, and a row is never revived over it.
 */
export function cacheAgrees(
  collection: CollectionDefinition,
  row: SourceRow,
  cached: { deleted: boolean; version: number; json?: string } | undefined,
): boolean {
  if (!cached) return false;
  if (cached.deleted) {
    return collection.versionColumn !== undefined && cached.version >= (row.version ?? 0);
  }
  if (collection.versionColumn !== undefined && cached.version !== row.version) return false;
  return sameContent(cached.json ?? '', row);
}
