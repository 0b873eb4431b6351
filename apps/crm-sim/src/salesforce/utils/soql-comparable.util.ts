import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';
import type { SalesforceValue } from '../types/salesforce-value.type';
import { isTextField } from './is-text-field.util';

/** A stored value in comparable form: text lowercased (SOQL compares text case-insensitively). */
export function soqlComparable(
  field: SalesforceFieldDefinition,
  value: SalesforceValue,
): string | number | boolean | null {
  if (value === null) return null;
  return typeof value === 'string' && isTextField(field) ? value.toLowerCase() : value;
}
