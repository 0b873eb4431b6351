import type { SalesforceSObjectSchema } from '../services/salesforce-sobject.schema';
import { describeField } from './describe-field.util';
import { describeSObjectSummary } from './describe-sobject-summary.util';

/** A DescribeSObjectResult. */
export function describeSObject(
  schema: SalesforceSObjectSchema,
  version: string,
): Record<string, unknown> {
  return {
    ...describeSObjectSummary(schema, version),
    fields: schema.fields.map(describeField),
    childRelationships: [],
    recordTypeInfos: [],
    supportedScopes: [{ label: 'All', name: 'everything' }],
    namedLayoutInfos: [],
    actionOverrides: [],
  };
}
