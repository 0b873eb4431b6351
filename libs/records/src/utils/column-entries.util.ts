import { CollectionDefinition } from '../types/collection-definition.type';
import { ColumnDefinition } from '../types/column-definition.type';

const cache = new WeakMap<CollectionDefinition, readonly (readonly [string, ColumnDefinition])[]>();

/**
 * A collection's columns as `[name, definition]` pairs, built once per definition: the hot path
 * walks them for every event, and `Object.entries` would allocate them again each time.
 * Definitions are replaced, never changed, when the catalog moves on.
 */
export function columnEntries(
  collection: CollectionDefinition,
): readonly (readonly [string, ColumnDefinition])[] {
  let entries = cache.get(collection);
  if (!entries) {
    entries = Object.entries(collection.columns);
    cache.set(collection, entries);
  }
  return entries;
}
