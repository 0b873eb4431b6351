import type { HubSpotRecord } from '../types/hubspot-record.type';

/**
 * The records of one object type plus an index per unique property, so an upsert by
 * idProperty is a map lookup, never a scan. Unique values are matched case-insensitively.
 */
export class HubSpotObjectTable {
  readonly byId = new Map<string, HubSpotRecord>();
  private readonly unique = new Map<string, Map<string, string>>();

  findByUnique(property: string, value: string): HubSpotRecord | undefined {
    const id = this.unique.get(property)?.get(value.toLowerCase());
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** The id of the live record holding `value` in `property`, if any. */
  ownerOf(property: string, value: string): string | undefined {
    return this.unique.get(property)?.get(value.toLowerCase());
  }

  /** Moves a record's index entry for `property` from its old value to `value` (null: drop). */
  reindex(record: HubSpotRecord, property: string, value: string | null): void {
    let index = this.unique.get(property);
    if (!index) {
      index = new Map();
      this.unique.set(property, index);
    }
    const previous = record.properties[property];
    if (previous !== undefined && index.get(previous.toLowerCase()) === record.id) {
      index.delete(previous.toLowerCase());
    }
    if (value !== null) index.set(value.toLowerCase(), record.id);
  }

  /** Archived records give up their unique values, as HubSpot frees them for new records. */
  unindexAll(record: HubSpotRecord): void {
    for (const [property, index] of this.unique) {
      const value = record.properties[property];
      if (value !== undefined && index.get(value.toLowerCase()) === record.id) {
        index.delete(value.toLowerCase());
      }
    }
  }
}
