import type { SalesforceItemError } from './salesforce-item-error.type';

/** One item of an sObject Collections answer (SaveResult, with `created` for upserts). */
export interface SalesforceSaveResult {
  id?: string;
  success: boolean;
  errors: SalesforceItemError[];
  created?: boolean;
}
