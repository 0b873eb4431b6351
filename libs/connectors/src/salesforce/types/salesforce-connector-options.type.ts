import type { ConnectorCallOptions } from '../../types/connector-call-options.type';

/**
 * Either OAuth 2.0 client credentials (a connected app; the token comes from `loginUrl`, the
 * org's My Domain URL, and is renewed once when a call answers INVALID_SESSION_ID), or a ready
 * `accessToken` for `instanceUrl` (not renewable: a rejected token is permanent after one retry).
 */
export interface SalesforceConnectorOptions extends ConnectorCallOptions {
  clientId?: string;
  clientSecret?: string;
  /** Token endpoint host, e.g. https://acme.my.salesforce.com. */
  loginUrl?: string;
  accessToken?: string;
  /** Where the API lives; with client credentials the token response says it. */
  instanceUrl?: string;
  /** REST API version, 46.0 or later (sObject Collections upsert). Default 62.0. */
  apiVersion?: string;
}
