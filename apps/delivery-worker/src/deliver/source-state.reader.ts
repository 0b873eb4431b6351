import {
  CanonicalRecord,
  CollectionDefinition,
  CollectionRegistry,
  keyValuesOf,
} from '@syncline/records';
import { Pool } from 'pg';

/** A record read from Postgres with the version its delivery is logged at. */
export interface SourceState {
  record: CanonicalRecord;
  version: number;
}

/**
 * Reads the current row of a record the cache lacks (expired, evicted), by collection and record
 * id, for any key. A plain committed read: no row lock on the user's table, no privilege beyond
 * SELECT. Delivery never writes this row to the cache, so it needs no safe version of its own
 * (docs/architecture.md): the row is at least as new as the notice, and the version logged is the
 * version column's value, or for a WAL-versioned table the notice's position. A later change
 * brings its own notice, and the payload hash makes a repeat of the same state a no-op.
 */
export class SourceStateReader {
  constructor(
    private readonly pool: Pool,
    private readonly collections: CollectionRegistry,
  ) {}

  /** Undefined when the row does not exist (or the tenant is not the one it belongs to). */
  async read(
    collection: CollectionDefinition,
    tenant: string,
    id: string,
    noticeVersion: number,
  ): Promise<SourceState | undefined> {
    const keys = keyValuesOf(collection, id);
    const conditions: string[] = [];
    const values: unknown[] = [];
    if (collection.tenantColumn) {
      values.push(tenant);
      conditions.push(`${quote(collection.tenantColumn)} = $${values.length}`);
    } else if (tenant !== collection.fixedTenant) {
      return undefined;
    }
    for (const [column, value] of Object.entries(keys)) {
      values.push(value);
      conditions.push(`${quote(column)} = $${values.length}`);
    }
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT * FROM ${quote(collection.schema)}.${quote(collection.table)}
        WHERE ${conditions.join(' AND ')}`,
      values,
    );
    if (!rows[0]) return undefined;
    const record = this.collections.canonicalize(collection, rows[0]);
    const version = collection.versionColumn
      ? this.collections.versionOf(collection, record)
      : noticeVersion;
    // Never "absent" for a row that exists: a missing record reads as deleted downstream.
    if (version === undefined || !Number.isSafeInteger(version) || version <= 0)
      throw new Error(`${collection.name} ${id}: the row has no usable version`);
    return { record, version };
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
