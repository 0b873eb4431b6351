import type { SimplePublicObject } from '@hubspot/api-client/lib/codegen/crm/objects';

/** A search result's modified time (epoch ms) from the modified property searched on. */
export function hubSpotModifiedAt(result: SimplePublicObject, modified: string): number {
  const value = result.properties[modified];
  const parsed = value ? Date.parse(value) : NaN;
  return Number.isNaN(parsed) ? result.updatedAt.getTime() : parsed;
}
