import { RedisClient } from '../types/redis-client.type';
import { hashSlotOf } from './hash-slot.util';

/**
 * Splits items into the groups one multi-key command or script may touch, in their given order
 * within each group: on Redis Cluster, one group per hash slot (a script may not cross slots);
 * on a single instance, any items. Each group holds at most `max` items, so a call stays short
 * enough to keep Redis responsive.
 */
export function scriptGroups<T>(
  redis: RedisClient,
  items: readonly T[],
  keyOf: (item: T) => string,
  max: number,
): T[][] {
  const groups: T[][] = [];
  if (!redis.isCluster) {
    for (let start = 0; start < items.length; start += max) {
      groups.push(items.slice(start, start + max));
    }
    return groups;
  }
  const bySlot = new Map<number, T[]>();
  for (const item of items) {
    const slot = hashSlotOf(keyOf(item));
    let group = bySlot.get(slot);
    if (group === undefined || group.length >= max) {
      group = [];
      bySlot.set(slot, group);
      groups.push(group);
    }
    group.push(item);
  }
  return groups;
}
