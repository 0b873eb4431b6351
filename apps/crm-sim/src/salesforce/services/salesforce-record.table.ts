import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';
import type { SalesforceRecord } from '../types/salesforce-record.type';
import type { SalesforceValue } from '../types/salesforce-value.type';
import { uniqueKey } from '../utils/unique-key.util';

/**
 * The records of one sObject, with an index per unique / external-ID field so an upsert by
 * external ID is a map lookup. Deleted records (recycle bin) leave the indexes.
 */
export class SalesforceRecordTable {
  readonly byId = new Map<string, SalesforceRecord>();
  private readonly unique = new Map<string, Map<string, string>>();

  ownerOf(field: SalesforceFieldDefinition, value: SalesforceValue): string | undefined {
    const key = uniqueKey(field, value);
    return key === undefined ? undefined : this.unique.get(field.name)?.get(key);
  }

  findLive(field: SalesforceFieldDefinition, value: SalesforceValue): SalesforceRecord | undefined {
    const id = this.ownerOf(field, value);
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** Points the index of `field` at `record` for `value`, dropping its previous value. */
  reindex(
    record: SalesforceRecord,
    field: SalesforceFieldDefinition,
    value: SalesforceValue,
  ): void {
    let index = this.unique.get(field.name);
    if (!index) {
      index = new Map();
      this.unique.set(field.name, index);
    }
    const previous = uniqueKey(field, record.values[field.name] ?? null);
    if (previous !== undefined && index.get(previous) === record.id) index.delete(previous);
    const next = uniqueKey(field, value);
    if (next !== undefined) index.set(next, record.id);
  }

  unindexAll(record: SalesforceRecord, fields: readonly SalesforceFieldDefinition[]): void {
    for (const field of fields) {
      const key = uniqueKey(field, record.values[field.name] ?? null);
      const index = this.unique.get(field.name);
      if (key !== undefined && index?.get(key) === record.id) index.delete(key);
    }
  }
}
