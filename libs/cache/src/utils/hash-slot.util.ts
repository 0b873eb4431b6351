import calculateSlot from 'cluster-key-slot';

/** Redis Cluster divides the keyspace into this many hash slots. */
export const HASH_SLOT_COUNT = 16384;

/** The hash slot of a key (CRC16 of the key, or of its `{hash tag}`, modulo 16384). */
export function hashSlotOf(key: string): number {
  return calculateSlot(key);
}

let tags: string[] | undefined;

/**
 * A short hash tag whose slot is `slot`: a key holding `{tag}` lives in that slot. Lets a key that
 * belongs beside a record (its truncate marker) share the record's slot without a tag in the
 * record's own key, so records spread over every slot. The table is derived, the same everywhere:
 * for each slot, the first base-36 counter value that hashes to it.
 */
export function slotTag(slot: number): string {
  if (!Number.isInteger(slot) || slot < 0 || slot >= HASH_SLOT_COUNT) {
    throw new RangeError(`not a hash slot: ${slot}`);
  }
  tags ??= buildSlotTags();
  return tags[slot];
}

function buildSlotTags(): string[] {
  const table: string[] = new Array<string>(HASH_SLOT_COUNT);
  let filled = 0;
  for (let counter = 0; filled < HASH_SLOT_COUNT; counter += 1) {
    const tag = counter.toString(36);
    const slot = calculateSlot(tag);
    if (table[slot] === undefined) {
      table[slot] = tag;
      filled += 1;
    }
  }
  return table;
}
