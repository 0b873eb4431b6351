import { CacheKeyEntry } from '../types/cache-key-entry.type';
import { scopeKey } from './scope-key.util';

/** A batch's entries by tenant and collection, for one Postgres query each. */
export function groupByScope(
  batch: readonly CacheKeyEntry[],
): { tenant: string; entity: string; entries: CacheKeyEntry[] }[] {
  const groups = new Map<string, { tenant: string; entity: string; entries: CacheKeyEntry[] }>();
  for (const entry of batch) {
    const key = scopeKey(entry.entity, entry.tenant);
    let group = groups.get(key);
    if (!group)
      groups.set(key, (group = { tenant: entry.tenant, entity: entry.entity, entries: [] }));
    group.entries.push(entry);
  }
  return [...groups.values()];
}
