import type { SimListenOptions } from '../../common/types/sim-listen-options.type';
import type { HubSpotPropertySeed } from './hubspot-property-seed.type';
import type { HubSpotRateLimits } from './hubspot-rate-limits.type';
import type { HubSpotWebhookOptions } from './hubspot-webhook-options.type';

export interface HubSpotSimOptions extends SimListenOptions {
  /** Private-app tokens accepted as `Authorization: Bearer`; any non-empty token when absent. */
  accessTokens?: string[];
  limits?: Partial<HubSpotRateLimits>;
  /** Extra properties per object type, e.g. `{ contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] }`. */
  properties?: Record<string, HubSpotPropertySeed[]>;
  /** Longest string value accepted (HubSpot: 65536). */
  maxStringLength?: number;
  /** The developer app whose webhooks the sim delivers. */
  webhooks?: HubSpotWebhookOptions;
}
