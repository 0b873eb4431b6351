import { DestinationKind } from '@syncline/connectors';
import { DestinationRateLimit } from '@syncline/persistence';

/** A destination as the API and the workers see it: never with its credentials. */
export interface Destination {
  id: string;
  tenant: string;
  name: string;
  kind: DestinationKind;
  baseUrl: string;
  options: Record<string, unknown>;
  rateLimit: DestinationRateLimit;
  mirror: boolean;
  paused: boolean;
  version: number;
}
