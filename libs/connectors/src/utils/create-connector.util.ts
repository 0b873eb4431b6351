import { DeliveryException } from '../exceptions/delivery.exception';
import { HubSpotConnector } from '../hubspot/hubspot.connector';
import { RestConnector } from '../rest/rest.connector';
import { SalesforceConnector } from '../salesforce/salesforce.connector';
import type { ConnectorHooks } from '../types/connector-hooks.type';
import type { CrmConnector } from '../types/crm-connector.type';
import type { DestinationConnection } from '../types/destination-connection.type';

/**
 * Builds the connector for a destination (credentials decrypted by the caller). To add a kind:
 * implement `CrmConnector`, add the kind to `DestinationKind` and `DestinationConnection`, and
 * add its case here. A malformed destination throws a permanent DeliveryException naming what is
 * missing, never the secrets.
 */
export function createConnector(
  destination: DestinationConnection,
  hooks: ConnectorHooks = {},
): CrmConnector {
  const credentials = (destination.credentials ?? {}) as Record<string, unknown>;
  const text = (name: string): string | undefined => {
    const value = credentials[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  switch (destination.kind) {
    case 'hubspot': {
      const accessToken = text('accessToken');
      if (!accessToken) throw invalid('hubspot', 'credentials.accessToken is required');
      return new HubSpotConnector(
        {
          ...destination.options,
          accessToken,
          basePath: destination.baseUrl,
          originValue: destination.id,
        },
        hooks,
      );
    }
    case 'salesforce': {
      const clientId = text('clientId');
      const clientSecret = text('clientSecret');
      const accessToken = text('accessToken');
      const options = { ...destination.options, originValue: destination.id };
      if (clientId && clientSecret) {
        return new SalesforceConnector(
          { ...options, clientId, clientSecret, loginUrl: options.loginUrl ?? destination.baseUrl },
          hooks,
        );
      }
      if (accessToken) {
        return new SalesforceConnector(
          { ...options, accessToken, instanceUrl: text('instanceUrl') ?? destination.baseUrl },
          hooks,
        );
      }
      throw invalid('salesforce', 'credentials need clientId and clientSecret, or accessToken');
    }
    case 'rest': {
      const options = destination.options ?? {};
      if (typeof options.pathTemplate !== 'string' || options.pathTemplate === '') {
        throw invalid('rest', 'options.pathTemplate is required');
      }
      return new RestConnector(
        { ...options, baseUrl: destination.baseUrl, authToken: text('token') },
        hooks,
      );
    }
    default:
      throw invalid(String((destination as { kind?: unknown }).kind), 'unknown destination kind');
  }
}

function invalid(kind: string, problem: string): DeliveryException {
  return new DeliveryException('permanent', `invalid ${kind} destination: ${problem}`);
}
