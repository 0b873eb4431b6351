/** Salesforce REST limits the connector plans its calls around. */
export const SALESFORCE_API_LIMITS = {
  /** Records per sObject Collections call (upsert, delete). */
  collectionSize: 200,
  /** Values per SOQL `IN (...)` lookup, keeping the GET URL well under its length limit. */
  inClauseSize: 200,
  /** sObject Collections upsert by external ID needs API 46.0+. */
  minApiVersion: 46,
  defaultApiVersion: '62.0',
} as const;
