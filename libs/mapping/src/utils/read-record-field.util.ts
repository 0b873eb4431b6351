import type { CanonicalRecord } from '@syncline/records';

/**
 * A record's value at `path`: a column (`first_name`) or, one level down, a key of a jsonb column
 * (`custom_fields.plan`; everything after the first dot is the key, taken as is). `undefined` when
 * absent. Only own properties count, so `constructor` or `__proto__` never reach the prototype.
 */
export function readRecordField(record: CanonicalRecord, path: string): unknown {
  const dot = path.indexOf('.');
  if (dot < 0) return Object.hasOwn(record, path) ? record[path] : undefined;
  const column = path.slice(0, dot);
  const key = path.slice(dot + 1);
  const container = Object.hasOwn(record, column) ? record[column] : undefined;
  if (container === null || typeof container !== 'object' || Array.isArray(container)) {
    return undefined;
  }
  return Object.hasOwn(container, key) ? (container as Record<string, unknown>)[key] : undefined;
}
