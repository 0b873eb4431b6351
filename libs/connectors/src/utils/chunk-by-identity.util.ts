/**
 * Splits `items` into batches of at most `size`, in order, never with the same identity twice in
 * one batch (CRMs reject a batch that names a record twice): a repeat starts a new batch, so the
 * later version of a record is still sent after the earlier one. Identities compare
 * case-insensitively, as HubSpot and Salesforce unique values do.
 */
export function chunkByIdentity<T>(
  items: readonly T[],
  identityOf: (item: T) => string,
  size: number,
): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be >= 1: ${size}`);
  const chunks: T[][] = [];
  let current: T[] = [];
  let seen = new Set<string>();
  for (const item of items) {
    const key = identityOf(item).toLowerCase();
    if (current.length >= size || seen.has(key)) {
      chunks.push(current);
      current = [];
      seen = new Set();
    }
    current.push(item);
    seen.add(key);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
