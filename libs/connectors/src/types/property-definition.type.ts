import { DestinationProperty } from '@syncline/mapping';

/**
 * A destination property's metadata (HubSpot properties API, Salesforce describe). The shape is
 * owned by @syncline/mapping, which validates payloads against it; connectors produce it.
 */
export type PropertyDefinition = DestinationProperty;
