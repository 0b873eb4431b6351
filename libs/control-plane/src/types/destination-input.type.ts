import { DestinationKind } from '@syncline/connectors';
import { DestinationRateLimit } from '@syncline/persistence';

/** What an admin sends to create a destination (all of it) or change one (any of it). */
export interface DestinationInput {
  name: string;
  kind: DestinationKind;
  baseUrl: string;
  /** hubspot {accessToken}; salesforce {clientId, clientSecret} or {accessToken}; rest {token?}; any kind
   * may add `webhookSecret` (inbound webhooks). Stored encrypted. */
  credentials: Record<string, unknown>;
  options?: Record<string, unknown>;
  rateLimit?: DestinationRateLimit;
  mirror?: boolean;
}
