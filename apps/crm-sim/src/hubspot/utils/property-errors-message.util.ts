import type { HubSpotPropertyError } from '../types/hubspot-property-error.type';

/** HubSpot's VALIDATION_ERROR message: the property errors as JSON after a fixed prefix. */
export function propertyErrorsMessage(errors: readonly HubSpotPropertyError[]): string {
  return `Property values were not valid: ${JSON.stringify(errors)}`;
}
