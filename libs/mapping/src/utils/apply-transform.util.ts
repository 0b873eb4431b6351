import { FieldTransform } from '../types/field-mapping.type';
import { FieldValueResult } from '../types/field-value-result.type';
import { canonicalJson } from './canonical-json.util';
import { describeValue } from './describe-value.util';
import { isScalar } from './is-scalar.util';
import { kindOf } from './kind-of.util';
import { parseDecimal } from './parse-decimal.util';
import { parseIsoDate } from './parse-iso-date.util';
import { parseIsoDateTime } from './parse-iso-datetime.util';
import { toExactNumber } from './to-exact-number.util';

const DAY_MS = 86_400_000;
const ENUM_KEYS_SHOWN = 10;

/**
 * Converts one non-null record value for the destination (`transform` absent = as it is). Never
 * guesses: a value that does not convert exactly is a failure with the reason, not a rounded value.
 */
export function applyTransform(
  transform: FieldTransform | undefined,
  value: unknown,
  enumMap?: Readonly<Record<string, string>>,
): FieldValueResult {
  if (transform === undefined) {
    return isScalar(value)
      ? ok(value)
      : fail(
          `${describeValue(value)} is ${kindOf(value)}; map one of its keys or use transform 'string'`,
        );
  }
  switch (transform) {
    case 'string':
      if (typeof value === 'string') return ok(value);
      if (typeof value === 'number' || typeof value === 'boolean') return ok(String(value));
      // Arrays and objects (jsonb custom fields) go as canonical JSON text.
      return ok(canonicalJson(value));
    case 'number':
    case 'integer':
      return toNumber(value, transform === 'integer');
    case 'boolean':
      if (typeof value === 'boolean') return ok(value);
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
        return ok(value.toLowerCase() === 'true');
      }
      return fail(`${describeValue(value)} is not a boolean (expected true or false)`);
    case 'date':
    case 'datetime':
    case 'epoch_ms':
    case 'midnight_epoch_ms':
      return toTime(value, transform);
    case 'enum': {
      if (!enumMap) return fail("transform 'enum' needs an enumMap");
      if (!isScalar(value))
        return fail(`${describeValue(value)} is ${kindOf(value)}, not an enum value`);
      const key = String(value);
      if (Object.hasOwn(enumMap, key)) return ok(enumMap[key]);
      const keys = Object.keys(enumMap);
      const shown = keys.slice(0, ENUM_KEYS_SHOWN).join(', ');
      return fail(
        `${describeValue(value)} is not in enumMap (known: ${shown}${keys.length > ENUM_KEYS_SHOWN ? ', …' : ''})`,
      );
    }
  }
}

function toNumber(value: unknown, integer: boolean): FieldValueResult {
  let number: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail(`${describeValue(value)} is not a finite number`);
    number = value;
  } else if (typeof value === 'string') {
    if (!parseDecimal(value)) return fail(`${describeValue(value)} is not a number`);
    const exact = toExactNumber(value);
    if (exact === undefined) {
      return fail(
        `${describeValue(value)} cannot be sent as a number without losing precision; use transform 'string'`,
      );
    }
    number = exact;
  } else {
    return fail(`${describeValue(value)} is ${kindOf(value)}, not a number`);
  }
  if (integer && !Number.isInteger(number)) {
    return fail(`${describeValue(value)} is not an integer`);
  }
  if (integer && !Number.isSafeInteger(number)) {
    return fail(`${describeValue(value)} is beyond ±(2^53 − 1) and would lose precision`);
  }
  return ok(number);
}

function toTime(
  value: unknown,
  transform: 'date' | 'datetime' | 'epoch_ms' | 'midnight_epoch_ms',
): FieldValueResult {
  if (typeof value !== 'string') {
    return fail(`${describeValue(value)} is ${kindOf(value)}, not a date or timestamp string`);
  }
  const midnight = parseIsoDate(value);
  const ms = midnight ?? parseIsoDateTime(value);
  if (ms === undefined) {
    return fail(
      `${describeValue(value)} is not a valid date (YYYY-MM-DD) or ISO-8601 timestamp with offset`,
    );
  }
  switch (transform) {
    case 'date':
      // A timestamp becomes its UTC calendar day.
      return ok(midnight !== undefined ? value : new Date(ms).toISOString().slice(0, 10));
    case 'datetime':
      return ok(new Date(ms).toISOString());
    case 'epoch_ms':
      return ok(ms);
    case 'midnight_epoch_ms':
      // HubSpot date properties reject anything but UTC midnight: a timestamp keeps its UTC day.
      return ok(ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS));
  }
}

function ok(value: string | number | boolean): FieldValueResult {
  return { ok: true, value };
}

function fail(reason: string): FieldValueResult {
  return { ok: false, reason };
}
