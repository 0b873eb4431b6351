import type { CanonicalRecord } from '@syncline/records';

/**
 * A record's value at `path`: a column (`city`, `Display Name`, even one with a dot in its name)
 * or, one level down, a key of a json/jsonb column (`attributes.colour`; everything after the
 * first dot is the key, taken as is). `undefined` when absent. Only own properties count, so
 * `constructor` or `__proto__` never reach the prototype.
 */
export function readRecordField(record: CanonicalRecord, path: string): unknown {
  if (Object.hasOwn(record, path)) return record[path];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  const column = path.slice(0, dot);
  const key = path.slice(dot + 1);
  const container = Object.hasOwn(record, column) ? record[column] : undefined;
  if (container === null || typeof container !== 'object' || Array.isArray(container)) {
    return undefined;
  }
  return Object.hasOwn(container, key) ? (container as Record<string, unknown>)[key] : undefined;
}
