import type { CanonicalRecord } from '@syncline/records';
import { describeValue } from './describe-value.util';

/**
 * Adds one field's column value to the pending writes. A `<json column>.<key>` source (a dotted
 * name that is not a column of the row) merges the key into the json column's object, on top of
 * keys merged before; returns why when the column holds something that has no keys.
 */
export function addColumnWrite(
  writes: Map<string, unknown>,
  row: CanonicalRecord | undefined,
  source: string,
  value: unknown,
): string | undefined {
  const dot = source.indexOf('.');
  if (dot < 0 || (row !== undefined && Object.hasOwn(row, source))) {
    writes.set(source, value);
    return undefined;
  }
  const column = source.slice(0, dot);
  const key = source.slice(dot + 1);
  const base = writes.has(column)
    ? writes.get(column)
    : row !== undefined && Object.hasOwn(row, column)
      ? row[column]
      : undefined;
  if (base !== undefined && base !== null && (typeof base !== 'object' || Array.isArray(base))) {
    return `cannot set key '${key}': column ${column} holds ${describeValue(base)}, not an object`;
  }
  // fromEntries defines own properties, so a key named `__proto__` stays a plain key.
  writes.set(column, Object.fromEntries([...Object.entries(base ?? {}), [key, value]]));
  return undefined;
}
