import { HUBSPOT_DEFAULT_READ_PROPERTIES } from '../constants/hubspot-default-read-properties.constant';

/**
 * The properties a read returns: the requested ones plus the identity/timestamp trio HubSpot
 * always adds, or the type's defaults when none are requested. Accepts HubSpot's query forms:
 * repeated `properties=a&properties=b` and comma-separated `properties=a,b`.
 */
export function resolveReadProperties(objectType: string, requested: unknown): string[] {
  const names = toNames(requested);
  if (names.length === 0) {
    return [
      ...(HUBSPOT_DEFAULT_READ_PROPERTIES[objectType] ?? HUBSPOT_DEFAULT_READ_PROPERTIES['*']),
    ];
  }
  const modified = objectType === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
  return [...new Set([...names, 'hs_object_id', 'createdate', modified])];
}

function toNames(requested: unknown): string[] {
  const list = Array.isArray(requested) ? requested : requested === undefined ? [] : [requested];
  return list
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
