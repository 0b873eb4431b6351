/** Environment variables read by `main.ts` (all optional). */
export const CRM_SIM_ENV = Object.freeze({
  host: 'SYNCLINE_CRM_SIM_HOST',
  hubspotPort: 'SYNCLINE_HUBSPOT_SIM_PORT',
  hubspotTokens: 'SYNCLINE_HUBSPOT_SIM_TOKENS',
  hubspotDaily: 'SYNCLINE_HUBSPOT_SIM_DAILY_LIMIT',
  hubspotTenSecondly: 'SYNCLINE_HUBSPOT_SIM_TEN_SECONDLY_LIMIT',
  hubspotSecondly: 'SYNCLINE_HUBSPOT_SIM_SECONDLY_LIMIT',
  hubspotSearchPerSecond: 'SYNCLINE_HUBSPOT_SIM_SEARCH_PER_SECOND',
  salesforcePort: 'SYNCLINE_SALESFORCE_SIM_PORT',
  salesforceDaily: 'SYNCLINE_SALESFORCE_SIM_DAILY_API_LIMIT',
  salesforceMaxConcurrent: 'SYNCLINE_SALESFORCE_SIM_MAX_CONCURRENT',
  salesforcePublicUrl: 'SYNCLINE_SALESFORCE_SIM_PUBLIC_URL',
  salesforceClientId: 'SYNCLINE_SALESFORCE_SIM_CLIENT_ID',
  salesforceClientSecret: 'SYNCLINE_SALESFORCE_SIM_CLIENT_SECRET',
});
