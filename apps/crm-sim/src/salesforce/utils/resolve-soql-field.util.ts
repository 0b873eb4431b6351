import { SalesforceApiException } from '../exceptions/salesforce-api.exception';
import type { SalesforceSObjectSchema } from '../services/salesforce-sobject.schema';
import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';

/** A field of the queried object by case-insensitive name; INVALID_FIELD as Salesforce words it. */
export function resolveSoqlField(
  schema: SalesforceSObjectSchema,
  name: string,
): SalesforceFieldDefinition {
  const field = schema.field(name);
  if (!field) {
    const hint = name.includes('.')
      ? ' (relationship queries are not simulated)'
      : " If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
    throw new SalesforceApiException(
      400,
      'INVALID_FIELD',
      `No such column '${name}' on entity '${schema.name}'.${hint}`,
    );
  }
  return field;
}
