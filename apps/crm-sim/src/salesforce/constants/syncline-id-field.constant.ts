import type { SalesforceFieldSeed } from '../types/salesforce-field-seed.type';

/** The external-ID field Syncline upserts by, on every standard object. */
export const SYNCLINE_ID_FIELD: SalesforceFieldSeed = {
  name: 'Syncline_Id__c',
  type: 'string',
  label: 'Syncline Id',
  length: 255,
  externalId: true,
  unique: true,
};
