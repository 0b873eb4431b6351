import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';

/** Text-like fields: SOQL compares them case-insensitively and allows LIKE on them. */
export function isTextField(field: SalesforceFieldDefinition): boolean {
  return ['string', 'textarea', 'email', 'phone', 'url', 'picklist'].includes(field.type);
}
