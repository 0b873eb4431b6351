import { FieldMapping } from '../types/field-mapping.type';
import { FieldValueResult } from '../types/field-value-result.type';
import { applyTransform } from './apply-transform.util';
import { codePointLength } from './code-point-length.util';
import { truncateCodePoints } from './truncate-code-points.util';

/**
 * One field's destination value from its record value (`undefined` = absent): `default` replaces a
 * null/absent value and goes through the transform like a record value would; `required` fails on
 * what is still null; `maxLength` (code points) truncates or fails strings. Null clears the
 * destination property.
 */
export function mapFieldValue(field: FieldMapping, recordValue: unknown): FieldValueResult {
  let value = recordValue ?? null;
  if (value === null && field.default !== undefined) value = field.default;
  if (value === null) {
    return field.required
      ? { ok: false, reason: 'is required but the record has no value' }
      : { ok: true, value: null };
  }
  const result = applyTransform(field.transform, value, field.enumMap);
  if (!result.ok || typeof result.value !== 'string' || field.maxLength === undefined) {
    return result;
  }
  const length = codePointLength(result.value);
  if (length <= field.maxLength) return result;
  if (field.truncate) return { ok: true, value: truncateCodePoints(result.value, field.maxLength) };
  return {
    ok: false,
    reason: `is ${length} characters long; the maximum is ${field.maxLength} (set truncate to cut it)`,
  };
}
