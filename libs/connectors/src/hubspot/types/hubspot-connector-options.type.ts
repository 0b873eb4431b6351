import type { ConnectorCallOptions } from '../../types/connector-call-options.type';

export interface HubSpotConnectorOptions extends ConnectorCallOptions {
  /** Private-app or OAuth access token (from the credential store; never logged). */
  accessToken: string;
  /** API root; default https://api.hubapi.com. */
  basePath?: string;
  /** Results per search page in `listAll(since)`; at most 200 (the default). */
  searchPageSize?: number;
  /**
   * The datetime property `listAll(since)` filters and sorts on, per object type. Default:
   * `hs_lastmodifieddate`, except `lastmodifieddate` for the object types in
   * HUBSPOT_LEGACY_MODIFIED_OBJECTS; set it for an object addressed by another name.
   */
  modifiedProperty?: Record<string, string>;
}
