import { FieldValueResult } from '../types/field-value-result.type';
import { describeValue } from './describe-value.util';
import { parseDecimal } from './parse-decimal.util';
import { toExactNumber } from './to-exact-number.util';

/**
 * A column value from a destination number (HubSpot sends numbers as strings, "12.50"). For
 * 'number' a decimal string stays that string, so a numeric column keeps every digit; for
 * 'integer' the value must be a safe integer and comes back as a number.
 */
export function reverseNumber(
  value: string | number | boolean,
  integer: boolean,
): FieldValueResult {
  let number: number | undefined;
  if (typeof value === 'number') {
    number = Number.isFinite(value) ? value : undefined;
  } else if (typeof value === 'string' && parseDecimal(value)) {
    if (!integer) return { ok: true, value };
    number = toExactNumber(value);
    if (number === undefined) {
      return { ok: false, reason: `${describeValue(value)} is not an integer within ±(2^53 − 1)` };
    }
  }
  if (number === undefined || (integer && !Number.isInteger(number))) {
    return {
      ok: false,
      reason: `${describeValue(value)} is not ${integer ? 'an integer' : 'a number'}`,
    };
  }
  if (integer && !Number.isSafeInteger(number)) {
    return { ok: false, reason: `${describeValue(value)} is beyond ±(2^53 − 1)` };
  }
  return { ok: true, value: number === 0 ? 0 : number }; // never -0
}
