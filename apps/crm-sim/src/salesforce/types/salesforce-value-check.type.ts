import type { SalesforceItemError } from './salesforce-item-error.type';
import type { SalesforceValue } from './salesforce-value.type';

export type SalesforceValueCheck =
  { ok: true; value: SalesforceValue } | { ok: false; error: SalesforceItemError };
