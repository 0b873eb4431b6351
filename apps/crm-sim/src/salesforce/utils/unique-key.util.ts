import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';
import type { SalesforceValue } from '../types/salesforce-value.type';

/** The index key of a unique/external-ID value: case-insensitive unless the field says otherwise. */
export function uniqueKey(
  field: SalesforceFieldDefinition,
  value: SalesforceValue,
): string | undefined {
  if (value === null) return undefined;
  const text = String(value);
  return field.caseSensitive ? text : text.toLowerCase();
}
