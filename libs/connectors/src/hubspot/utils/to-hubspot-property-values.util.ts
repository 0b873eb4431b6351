/**
 * HubSpot takes every property value as a string; an empty string clears a property.
 */
export function toHubSpotPropertyValues(
  properties: Record<string, string | number | boolean | null>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(properties)) {
    values[name] = value === null ? '' : String(value);
  }
  return values;
}
