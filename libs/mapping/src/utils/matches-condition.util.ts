import type { CanonicalRecord } from '@syncline/records';
import { DecimalValue } from '../types/decimal-value.type';
import { RowCondition } from '../types/sync-rules.type';
import { compareDecimals } from './compare-decimals.util';
import { parseDecimal } from './parse-decimal.util';
import { readRecordField } from './read-record-field.util';

/**
 * Whether a record satisfies one row condition. Numbers and numeric strings ("1250.50", as
 * `numeric` columns hold them) compare as exact decimals; other strings compare lexically, which
 * orders ISO dates and timestamps correctly. An absent field equals only null; ordering operators
 * (gt/gte/lt/lte) are false when either side is absent, null, boolean or of another kind.
 */
export function matchesCondition(record: CanonicalRecord, condition: RowCondition): boolean {
  const actual = readRecordField(record, condition.field) ?? null;
  switch (condition.op) {
    case 'exists':
      return actual !== null;
    case 'not_exists':
      return actual === null;
    case 'eq':
      return valuesEqual(actual, condition.value);
    case 'neq':
      return !valuesEqual(actual, condition.value);
    case 'in':
      return listOf(condition.value).some((item) => valuesEqual(actual, item));
    case 'not_in':
      return !listOf(condition.value).some((item) => valuesEqual(actual, item));
    case 'gt':
      return compareValues(actual, condition.value) === 1;
    case 'gte': {
      const order = compareValues(actual, condition.value);
      return order === 1 || order === 0;
    }
    case 'lt':
      return compareValues(actual, condition.value) === -1;
    case 'lte': {
      const order = compareValues(actual, condition.value);
      return order === -1 || order === 0;
    }
  }
}

function valuesEqual(actual: unknown, expected: unknown): boolean {
  const left = actual ?? null;
  const right = expected ?? null;
  const a = asDecimal(left);
  const b = asDecimal(right);
  if (a && b) return compareDecimals(a, b) === 0;
  return left === right;
}

function compareValues(actual: unknown, expected: unknown): -1 | 0 | 1 | undefined {
  const a = asDecimal(actual);
  const b = asDecimal(expected);
  if (a && b) return compareDecimals(a, b);
  if (typeof actual === 'string' && typeof expected === 'string') {
    return actual === expected ? 0 : actual < expected ? -1 : 1;
  }
  return undefined;
}

function asDecimal(value: unknown): DecimalValue | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? parseDecimal(String(value)) : undefined;
  return typeof value === 'string' ? parseDecimal(value) : undefined;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}
