import type { SalesforceSObjectSchema } from '../services/salesforce-sobject.schema';
import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';
import type { SalesforceRecord } from '../types/salesforce-record.type';
import { formatSalesforceDatetime } from './format-salesforce-datetime.util';

/** A record as the REST API returns it: `attributes` first, then the fields asked for. */
export function toSObjectJson(
  schema: SalesforceSObjectSchema,
  record: SalesforceRecord,
  fields: readonly SalesforceFieldDefinition[],
  version: string,
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    attributes: {
      type: schema.name,
      url: `/services/data/${version}/sobjects/${schema.name}/${record.id}`,
    },
  };
  for (const field of fields) {
    const value = record.values[field.name] ?? null;
    json[field.name] =
      field.type === 'datetime' && typeof value === 'number'
        ? formatSalesforceDatetime(value)
        : value;
  }
  return json;
}
