import { FieldMapping, FieldTransform } from '../types/field-mapping.type';
import { FieldValueResult } from '../types/field-value-result.type';
import { describeValue } from './describe-value.util';
import { isScalar } from './is-scalar.util';
import { kindOf } from './kind-of.util';
import { reverseEnum } from './reverse-enum.util';
import { reverseNumber } from './reverse-number.util';
import { reverseTime } from './reverse-time.util';

type Reverse = (
  value: string | number | boolean,
  enumMap: Readonly<Record<string, string>> | undefined,
) => FieldValueResult;

// Keyed by the union, so a transform added without its reverse fails to compile.
const REVERSE: Record<FieldTransform, Reverse> = {
  string: (value) => ({ ok: true, value: String(value) }),
  number: (value) => reverseNumber(value, false),
  integer: (value) => reverseNumber(value, true),
  boolean: (value) => {
    if (typeof value === 'boolean') return { ok: true, value };
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
      return { ok: true, value: value.toLowerCase() === 'true' };
    }
    return {
      ok: false,
      reason: `${describeValue(value)} is not a boolean (expected true or false)`,
    };
  },
  date: (value) => reverseTime(value, 'date'),
  datetime: (value) => reverseTime(value, 'datetime'),
  epoch_ms: (value) => reverseTime(value, 'epoch_ms'),
  midnight_epoch_ms: (value) => reverseTime(value, 'midnight_epoch_ms'),
  enum: reverseEnum,
};

/**
 * The column value a destination value stands for: the inverse of `applyTransform`, so that
 * `applyTransform` of the result gives the destination value back (in its normal form). Null, absent
 * and '' are null (CRMs do not tell an empty property from an unset one). A non-scalar is a failure.
 */
export function reverseTransform(
  field: Pick<FieldMapping, 'transform' | 'enumMap'>,
  crmValue: unknown,
): FieldValueResult {
  if (crmValue === undefined || crmValue === null || crmValue === '')
    return { ok: true, value: null };
  if (!isScalar(crmValue)) {
    return {
      ok: false,
      reason: `${describeValue(crmValue)} is ${kindOf(crmValue)}, not a property value`,
    };
  }
  if (field.transform === undefined) return { ok: true, value: crmValue };
  return REVERSE[field.transform](crmValue, field.enumMap);
}
