import { ReconcileScopeException } from '../exceptions/reconcile-scope.exception';
import { KeyRange } from '../types/key-range.type';

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * The uuid space in 16^depth ranges by leading hex digits, in order: depth 1 gives 16 ranges
 * (`0…` to `f…`), depth 2 gives 256. Each range's `lo` is its prefix padded with zeros into a
 * uuid, its `hi` the next range's `lo` (none for the last), so the ranges tile the space.
 */
export function splitUuidSpace(depth: number): KeyRange[] {
  if (!Number.isInteger(depth) || depth < 1 || depth > 4) {
    throw new ReconcileScopeException(`range depth must be 1 to 4 hex digits, got ${depth}`);
  }
  const count = 16 ** depth;
  const ranges: KeyRange[] = [];
  for (let index = 0; index < count; index++) {
    const prefix = index.toString(16).padStart(depth, '0');
    ranges.push({
      index,
      depth,
      prefix,
      lo: padToUuid(prefix),
      hi: index + 1 < count ? padToUuid((index + 1).toString(16).padStart(depth, '0')) : undefined,
    });
  }
  return ranges;
}

/** `ab` -> `ab000000-0000-0000-0000-000000000000` (prefixes stay within the first group). */
function padToUuid(prefix: string): string {
  return prefix + ZERO_UUID.slice(prefix.length);
}
