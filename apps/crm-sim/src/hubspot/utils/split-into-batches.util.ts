/**
 * Consecutive batches of at most `max` items; with `randomSizes`, each batch gets a random size
 * in 1..max so that events spread over more deliveries (the reorder fault).
 */
export function splitIntoBatches<T>(
  items: readonly T[],
  max: number,
  randomSizes = false,
  random: () => number = Math.random,
): T[][] {
  const batches: T[][] = [];
  let start = 0;
  while (start < items.length) {
    const size = randomSizes ? 1 + Math.floor(random() * max) : max;
    batches.push(items.slice(start, start + size));
    start += size;
  }
  return batches;
}
