import type { HubSpotPublicObject } from '../types/hubspot-public-object.type';
import type { HubSpotRecord } from '../types/hubspot-record.type';

/**
 * The API view of a record. `select` lists the properties to return (unset ones as null, as
 * HubSpot does); 'all' returns every property the record has.
 */
export function toHubSpotPublicObject(
  record: HubSpotRecord,
  select: readonly string[] | 'all',
): HubSpotPublicObject {
  let properties: Record<string, string | null>;
  if (select === 'all') {
    properties = { ...record.properties };
  } else {
    properties = {};
    for (const name of select) properties[name] = record.properties[name] ?? null;
  }
  const view: HubSpotPublicObject = {
    id: record.id,
    properties,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    archived: record.archived,
  };
  if (record.archivedAt !== undefined) view.archivedAt = new Date(record.archivedAt).toISOString();
  return view;
}
