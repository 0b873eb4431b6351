import { FieldValueResult } from '../types/field-value-result.type';
import { describeValue } from './describe-value.util';

const KEYS_SHOWN = 10;

/**
 * The record value an `enumMap` maps to a destination value: the one key whose value it is. A value
 * no key maps to, or that several keys map to (which one the record had is unknown), is a failure.
 */
export function reverseEnum(
  value: string | number | boolean,
  enumMap: Readonly<Record<string, string>> | undefined,
): FieldValueResult {
  if (!enumMap) return { ok: false, reason: "transform 'enum' needs an enumMap" };
  const text = String(value);
  const keys = Object.keys(enumMap).filter((key) => enumMap[key] === text);
  if (keys.length === 1) return { ok: true, value: keys[0] };
  if (keys.length > 1) {
    return {
      ok: false,
      reason: `${describeValue(value)} is the enumMap value of several keys (${keys.join(', ')}): which one the record had is unknown`,
    };
  }
  const values = [...new Set(Object.values(enumMap))];
  const shown = values.slice(0, KEYS_SHOWN).join(', ');
  return {
    ok: false,
    reason: `${describeValue(value)} is not a value of enumMap (known: ${shown}${values.length > KEYS_SHOWN ? ', …' : ''})`,
  };
}
