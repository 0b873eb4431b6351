import type { SalesforceSObjectSchema } from '../services/salesforce-sobject.schema';
import type { SalesforceFieldDefinition } from './salesforce-field-definition.type';
import type { SalesforceRecord } from './salesforce-record.type';
import type { SalesforceValue } from './salesforce-value.type';

/** A validated write not yet applied (allOrNone applies all plans or none). */
export interface SalesforceWritePlan {
  schema: SalesforceSObjectSchema;
  /** Absent for a create. */
  record?: SalesforceRecord;
  values: Map<SalesforceFieldDefinition, SalesforceValue>;
}
