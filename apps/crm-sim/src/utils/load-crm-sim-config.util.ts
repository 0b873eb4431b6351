import { CRM_SIM_DEFAULT_PORTS } from '../constants/crm-sim-default-ports.constant';
import { CRM_SIM_ENV } from '../constants/crm-sim-env.constant';
import { CrmSimConfigException } from '../exceptions/crm-sim-config.exception';
import type { HubSpotPropertySeed } from '../hubspot/types/hubspot-property-seed.type';
import type { HubSpotRateLimits } from '../hubspot/types/hubspot-rate-limits.type';
import type { HubSpotWebhookOptions } from '../hubspot/types/hubspot-webhook-options.type';
import type { SalesforceLimits } from '../salesforce/types/salesforce-limits.type';
import type { CrmSimConfig } from '../types/crm-sim-config.type';

/** The identity property the demo connectors upsert by, seeded so the app is usable at once. */
const SYNCLINE_ID: HubSpotPropertySeed = {
  name: 'syncline_id',
  label: 'Syncline ID',
  type: 'string',
  hasUniqueValue: true,
};

/** Reads and validates the environment once; every problem is reported together. */
export function loadCrmSimConfig(env: Record<string, string | undefined>): CrmSimConfig {
  const problems: string[] = [];
  const int = (
    name: string,
    fallback?: number,
    min = 0,
    max = Number.MAX_SAFE_INTEGER,
  ): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer within ${min}..${max}; got '${raw}'`);
      return fallback;
    }
    return value;
  };
  const host = env[CRM_SIM_ENV.host]?.trim() || '127.0.0.1';
  const hubspotPort = int(
    CRM_SIM_ENV.hubspotPort,
    CRM_SIM_DEFAULT_PORTS.hubspot,
    0,
    65_535,
  ) as number;
  const salesforcePort = int(
    CRM_SIM_ENV.salesforcePort,
    CRM_SIM_DEFAULT_PORTS.salesforce,
    0,
    65_535,
  ) as number;
  if (hubspotPort === salesforcePort && hubspotPort !== 0) {
    problems.push(`${CRM_SIM_ENV.hubspotPort} and ${CRM_SIM_ENV.salesforcePort} must differ`);
  }

  const hubspotLimits: Partial<HubSpotRateLimits> = {};
  const daily = int(CRM_SIM_ENV.hubspotDaily);
  if (daily !== undefined) hubspotLimits.daily = daily;
  const tenSecondly = int(CRM_SIM_ENV.hubspotTenSecondly);
  if (tenSecondly !== undefined) hubspotLimits.tenSecondly = tenSecondly;
  const secondly = int(CRM_SIM_ENV.hubspotSecondly);
  if (secondly !== undefined) hubspotLimits.secondly = secondly;
  const search = int(CRM_SIM_ENV.hubspotSearchPerSecond);
  if (search !== undefined) hubspotLimits.searchPerSecond = search;

  const salesforceLimits: Partial<SalesforceLimits> = {};
  const sfDaily = int(CRM_SIM_ENV.salesforceDaily);
  if (sfDaily !== undefined) salesforceLimits.dailyApiRequests = sfDaily;
  const concurrent = int(CRM_SIM_ENV.salesforceMaxConcurrent, undefined, 1);
  if (concurrent !== undefined) salesforceLimits.maxConcurrent = concurrent;

  const publicUrl = env[CRM_SIM_ENV.salesforcePublicUrl]?.trim() || undefined;
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+/.test(publicUrl)) {
    problems.push(`${CRM_SIM_ENV.salesforcePublicUrl} must be an http(s) URL; got '${publicUrl}'`);
  }
  const clientId = env[CRM_SIM_ENV.salesforceClientId]?.trim();
  const clientSecret = env[CRM_SIM_ENV.salesforceClientSecret];
  if ((clientId === undefined) !== (clientSecret === undefined)) {
    problems.push(
      `${CRM_SIM_ENV.salesforceClientId} and ${CRM_SIM_ENV.salesforceClientSecret} go together`,
    );
  }
  const list = (name: string): string[] | undefined => {
    const items = env[name]
      ?.split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    return items && items.length > 0 ? items : undefined;
  };
  const tokens = list(CRM_SIM_ENV.hubspotTokens);

  const webhooks: HubSpotWebhookOptions = {};
  const appId = int(CRM_SIM_ENV.hubspotAppId, undefined, 1);
  if (appId !== undefined) webhooks.appId = appId;
  const portalId = int(CRM_SIM_ENV.hubspotPortalId, undefined, 1);
  if (portalId !== undefined) webhooks.portalId = portalId;
  const developerApiKeys = list(CRM_SIM_ENV.hubspotDeveloperApiKeys);
  if (developerApiKeys) webhooks.developerApiKeys = developerApiKeys;
  const secret = env[CRM_SIM_ENV.hubspotClientSecret];
  if (secret !== undefined && secret !== '') webhooks.clientSecret = secret;
  const timeoutMs = int(CRM_SIM_ENV.hubspotWebhookTimeoutMs, undefined, 1);
  if (timeoutMs !== undefined) webhooks.timeoutMs = timeoutMs;
  const scaleRaw = env[CRM_SIM_ENV.hubspotWebhookRetryTimeScale]?.trim();
  if (scaleRaw) {
    const scale = Number(scaleRaw);
    if (!(scale > 0 && scale <= 1)) {
      problems.push(
        `${CRM_SIM_ENV.hubspotWebhookRetryTimeScale} must be a number within (0, 1] (test-time only); got '${scaleRaw}'`,
      );
    } else webhooks.retryTimeScale = scale;
  }

  if (problems.length > 0) throw new CrmSimConfigException(problems);
  return {
    hubspot: {
      host,
      port: hubspotPort,
      accessTokens: tokens,
      limits: hubspotLimits,
      properties: { contacts: [SYNCLINE_ID], companies: [SYNCLINE_ID], deals: [SYNCLINE_ID] },
      webhooks,
    },
    salesforce: {
      host,
      port: salesforcePort,
      limits: salesforceLimits,
      publicUrl,
      clients: clientId && clientSecret !== undefined ? [{ clientId, clientSecret }] : undefined,
    },
  };
}
