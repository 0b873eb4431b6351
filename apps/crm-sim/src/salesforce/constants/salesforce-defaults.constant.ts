export const SALESFORCE_DEFAULTS = Object.freeze({
  clients: [{ clientId: 'syncline-sim', clientSecret: 'syncline-sim-secret' }],
  users: [{ username: 'integration@syncline.sim', password: 'syncline' }],
  accessTokens: ['syncline-sim-token'],
  /** sObject Collections and query limits. */
  collectionSize: 200,
  queryBatchSize: 2000,
  queryBatchSizeMin: 200,
  maxOffset: 2000,
  /** API versions served; sObject Collections upsert needs 46.0+. */
  minApiVersion: 31,
  maxApiVersion: 99,
  latestApiVersion: '62.0',
  cursorTtlMs: 15 * 60_000,
  maxCursors: 1000,
  /** The org and integration user the sim pretends to be. */
  orgId15: '00D5g000001SYNC',
  userId15: '0055g000001SYNC',
  username: 'integration@syncline.sim',
  /** The CRM user whose edits the admin API makes (LastModifiedById other than the integration's). */
  crmUserId15: '0055g000002CRMU',
  /** Get Deleted looks back at most this far. */
  getDeletedMaxAgeMs: 15 * 86_400_000,
});
