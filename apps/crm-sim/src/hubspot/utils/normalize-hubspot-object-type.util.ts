import { HUBSPOT_OBJECT_TYPE_ALIASES } from '../constants/hubspot-object-type-aliases.constant';

/** `contact`, `0-1` -> `contacts`; any other name is taken as a (custom) object type, lowercased. */
export function normalizeHubSpotObjectType(objectType: string): string {
  const lower = objectType.toLowerCase();
  return HUBSPOT_OBJECT_TYPE_ALIASES[lower] ?? lower;
}
