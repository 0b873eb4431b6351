import {
  type CanonicalRecord,
  type CollectionDefinition,
  type CollectionRegistry,
  keyValuesOf,
} from '@syncline/records';
import type { Pool } from 'pg';

/**
 * Rows of any collection in canonical form, by tenant and record ids (what the demo and the
 * chaos run compare the cache and the CRMs against). Read-only; names come from the definition.
 */
export class SourceRowReader {
  constructor(
    private readonly pool: Pool,
    readonly collections: CollectionRegistry,
  ) {}

  async find(
    collection: CollectionDefinition,
    tenant: string,
    id: string,
  ): Promise<CanonicalRecord | undefined> {
    return (await this.findMany(collection, tenant, [id])).get(id);
  }

  /** The rows that exist, by record id. */
  async findMany(
    collection: CollectionDefinition,
    tenant: string,
    ids: readonly string[],
  ): Promise<Map<string, CanonicalRecord>> {
    const found = new Map<string, CanonicalRecord>();
    if (ids.length === 0) return found;
    if (!collection.tenantColumn && tenant !== collection.fixedTenant) return found;
    const keys = collection.keyColumns;
    // One array parameter per key column, matched row-wise: any key type, any key width.
    const values: unknown[] = keys.map((column) =>
      ids.map((id) => keyValuesOf(collection, id)[column]),
    );
    const unnest = keys.map((_, i) => `$${i + 1}::text[]`).join(', ');
    const match = keys.map((column, i) => `t.${quote(column)}::text = k.k${i}`).join(' AND ');
    let sql = `SELECT t.* FROM ${quote(collection.schema)}.${quote(collection.table)} t
                 JOIN unnest(${unnest}) AS k(${keys.map((_, i) => `k${i}`).join(', ')}) ON ${match}`;
    if (collection.tenantColumn) {
      values.push(tenant);
      sql += ` WHERE t.${quote(collection.tenantColumn)} = $${values.length}`;
    }
    const stringified = values.map((value) =>
      Array.isArray(value) ? value.map((part) => String(part)) : value,
    );
    const { rows } = await this.pool.query<Record<string, unknown>>(sql, stringified);
    for (const row of rows) {
      const record = this.collections.canonicalize(collection, row);
      found.set(this.collections.recordId(collection, record), record);
    }
    return found;
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
