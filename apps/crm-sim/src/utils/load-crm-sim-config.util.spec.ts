import { CrmSimConfigException } from '../exceptions/crm-sim-config.exception';
import { loadCrmSimConfig } from './load-crm-sim-config.util';

describe(loadCrmSimConfig.name, () => {
  it('defaults to loopback on ports 4010 (HubSpot) and 4020 (Salesforce)', () => {
    const config = loadCrmSimConfig({});
    expect(config.hubspot).toMatchObject({ host: '127.0.0.1', port: 4010, limits: {} });
    expect(config.salesforce).toMatchObject({ host: '127.0.0.1', port: 4020, limits: {} });
    expect(config.hubspot.properties?.contacts?.[0]).toMatchObject({
      name: 'syncline_id',
      hasUniqueValue: true,
    });
  });

  it('maps ports, host and limits from the environment', () => {
    const config = loadCrmSimConfig({
      SYNCLINE_CRM_SIM_HOST: '0.0.0.0',
      SYNCLINE_HUBSPOT_SIM_PORT: '5010',
      SYNCLINE_SALESFORCE_SIM_PORT: '5020',
      SYNCLINE_HUBSPOT_SIM_TEN_SECONDLY_LIMIT: '1000',
      SYNCLINE_SALESFORCE_SIM_DAILY_API_LIMIT: '15000',
      SYNCLINE_HUBSPOT_SIM_TOKENS: 'a, b',
    });
    expect(config.hubspot).toMatchObject({ host: '0.0.0.0', port: 5010, accessTokens: ['a', 'b'] });
    expect(config.hubspot.limits).toEqual({ tenSecondly: 1000 });
    expect(config.salesforce).toMatchObject({ port: 5020, limits: { dailyApiRequests: 15000 } });
  });

  it('maps the HubSpot developer app: ids, keys, client secret and the test-time retry scale', () => {
    const config = loadCrmSimConfig({
      SYNCLINE_HUBSPOT_SIM_APP_ID: '12',
      SYNCLINE_HUBSPOT_SIM_PORTAL_ID: '34',
      SYNCLINE_HUBSPOT_SIM_DEVELOPER_API_KEYS: 'k1,k2',
      SYNCLINE_HUBSPOT_SIM_CLIENT_SECRET: 'shh',
      SYNCLINE_HUBSPOT_SIM_WEBHOOK_RETRY_TIME_SCALE: '0.001',
      SYNCLINE_HUBSPOT_SIM_WEBHOOK_TIMEOUT_MS: '500',
    });
    expect(config.hubspot.webhooks).toEqual({
      appId: 12,
      portalId: 34,
      developerApiKeys: ['k1', 'k2'],
      clientSecret: 'shh',
      retryTimeScale: 0.001,
      timeoutMs: 500,
    });
    expect(loadCrmSimConfig({}).hubspot.webhooks).toEqual({});
    expect(() => loadCrmSimConfig({ SYNCLINE_HUBSPOT_SIM_WEBHOOK_RETRY_TIME_SCALE: '2' })).toThrow(
      /RETRY_TIME_SCALE/,
    );
  });

  it('names every bad variable at once', () => {
    expect.assertions(3);
    try {
      loadCrmSimConfig({
        SYNCLINE_HUBSPOT_SIM_PORT: 'x',
        SYNCLINE_SALESFORCE_SIM_DAILY_API_LIMIT: '-1',
      });
    } catch (error) {
      expect(error).toBeInstanceOf(CrmSimConfigException);
      expect((error as CrmSimConfigException).problems).toHaveLength(2);
      expect((error as Error).message).toContain('SYNCLINE_HUBSPOT_SIM_PORT');
    }
  });
});
