import type { SalesforceFieldSeed } from './salesforce-field-seed.type';

export interface SalesforceSObjectSeed {
  name: string;
  label?: string;
  labelPlural?: string;
  /** Three-character id prefix (003 Contact, 001 Account, 006 Opportunity; a0x for custom). */
  keyPrefix?: string;
  fields?: SalesforceFieldSeed[];
}
