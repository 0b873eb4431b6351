/** Environment variables read by `main.ts` (all optional). */
export const CRM_SIM_ENV = Object.freeze({
  host: 'SYNCLINE_CRM_SIM_HOST',
  hubspotPort: 'SYNCLINE_HUBSPOT_SIM_PORT',
  hubspotTokens: 'SYNCLINE_HUBSPOT_SIM_TOKENS',
  hubspotDaily: 'SYNCLINE_HUBSPOT_SIM_DAILY_LIMIT',
  hubspotTenSecondly: 'SYNCLINE_HUBSPOT_SIM_TEN_SECONDLY_LIMIT',
  hubspotSecondly: 'SYNCLINE_HUBSPOT_SIM_SECONDLY_LIMIT',
  hubspotSearchPerSecond: 'SYNCLINE_HUBSPOT_SIM_SEARCH_PER_SECOND',
  hubspotAppId: 'SYNCLINE_HUBSPOT_SIM_APP_ID',
  hubspotPortalId: 'SYNCLINE_HUBSPOT_SIM_PORTAL_ID',
  hubspotDeveloperApiKeys: 'SYNCLINE_HUBSPOT_SIM_DEVELOPER_API_KEYS',
  /** Secret: signs webhook deliveries; never logged or served. */
  hubspotClientSecret: 'SYNCLINE_HUBSPOT_SIM_CLIENT_SECRET',
  hubspotWebhookRetryTimeScale: 'SYNCLINE_HUBSPOT_SIM_WEBHOOK_RETRY_TIME_SCALE',
  hubspotWebhookTimeoutMs: 'SYNCLINE_HUBSPOT_SIM_WEBHOOK_TIMEOUT_MS',
  salesforcePort: 'SYNCLINE_SALESFORCE_SIM_PORT',
  salesforceDaily: 'SYNCLINE_SALESFORCE_SIM_DAILY_API_LIMIT',
  salesforceMaxConcurrent: 'SYNCLINE_SALESFORCE_SIM_MAX_CONCURRENT',
  salesforcePublicUrl: 'SYNCLINE_SALESFORCE_SIM_PUBLIC_URL',
  salesforceClientId: 'SYNCLINE_SALESFORCE_SIM_CLIENT_ID',
  salesforceClientSecret: 'SYNCLINE_SALESFORCE_SIM_CLIENT_SECRET',
});
