/**
 * Up to `free` of `items`, in order from `start` and wrapping around, each when `eligible`; and
 * where the next round starts (after the last one picked). Taking turns this way, the items at
 * the front (e.g. the destinations created first) cannot keep the later ones from their turn.
 */
export function roundRobinPicks<T>(
  items: readonly T[],
  start: number,
  free: number,
  eligible: (item: T) => boolean,
): { picked: T[]; next: number } {
  const picked: T[] = [];
  let next = start;
  for (let i = 0; i < items.length && picked.length < free; i += 1) {
    const index = (start + i) % items.length;
    if (!eligible(items[index])) continue;
    picked.push(items[index]);
    next = (index + 1) % items.length;
  }
  return { picked, next };
}
