import type { SalesforceValue } from './salesforce-value.type';

/** An sObject in memory; `values` is keyed by the canonical field name and holds system fields too. */
export interface SalesforceRecord {
  id: string;
  sobject: string;
  values: Record<string, SalesforceValue>;
  isDeleted: boolean;
}
