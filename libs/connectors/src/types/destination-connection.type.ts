import type { HubSpotConnectorOptions } from '../hubspot/types/hubspot-connector-options.type';
import type { RestConnectorOptions } from '../rest/types/rest-connector-options.type';
import type { SalesforceConnectorOptions } from '../salesforce/types/salesforce-connector-options.type';

/**
 * A destination as the delivery-worker builds a connector from it (`createConnector`): the
 * stored row with its credentials decrypted. Credentials per kind:
 * - hubspot: `{ accessToken }` (private-app or OAuth token); `baseUrl` is the API root
 *   (https://api.hubapi.com).
 * - salesforce: `{ clientId, clientSecret }` (client-credentials flow against `baseUrl`, the
 *   org's My Domain URL, or `options.loginUrl`), or `{ accessToken, instanceUrl? }` (`baseUrl`
 *   is the instance URL unless `instanceUrl` is given).
 * - rest: `{ token? }` (sent as `Authorization: Bearer`); `baseUrl` prefixes every path.
 * `options` are the kind's non-secret settings (timeouts, templates, API version, the ownership
 * marker's `originProperty`). `id` is the destination's id: the marker's value.
 */
export type DestinationConnection =
  | {
      id?: string;
      kind: 'hubspot';
      baseUrl: string;
      credentials: { accessToken: string };
      options?: Omit<HubSpotConnectorOptions, 'accessToken' | 'basePath' | 'originValue'>;
    }
  | {
      id?: string;
      kind: 'salesforce';
      baseUrl: string;
      credentials:
        { clientId: string; clientSecret: string } | { accessToken: string; instanceUrl?: string };
      options?: Pick<
        SalesforceConnectorOptions,
        'loginUrl' | 'apiVersion' | 'timeoutMs' | 'listRetry' | 'originProperty'
      >;
    }
  | {
      id?: string;
      kind: 'rest';
      baseUrl: string;
      credentials: { token?: string };
      options: Omit<RestConnectorOptions, 'baseUrl' | 'authToken'>;
    };
