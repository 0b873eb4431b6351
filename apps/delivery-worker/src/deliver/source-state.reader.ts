import {
  CanonicalRecord,
  CollectionDefinition,
  CollectionRegistry,
  keyValuesOf,
} from '@syncline/records';
import { Pool } from 'pg';

/** A record read from Postgres with the version it may claim. */
export interface SourceState {
  record: CanonicalRecord;
  version: number;
}

/**
 * Reads the current row of a record the cache lacks (expired, evicted), by collection and record
 * id, for any key. The version follows docs/architecture.md: the version column when the
 * collection has one, else a WAL position read after `SELECT ... FOR SHARE` in the same
 * transaction (any uncommitted writer of the row is waited for, so every change it saw is below
 * that position and any later one above).
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
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<Record<string, unknown>>(
        `SELECT * FROM ${quote(collection.schema)}.${quote(collection.table)}
          WHERE ${conditions.join(' AND ')} FOR SHARE`,
        values,
      );
      const position = await client.query<{ position: string }>(
        `SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS position`,
      );
      await client.query('COMMIT');
      if (!rows[0]) return undefined;
      const record = this.collections.canonicalize(collection, rows[0]);
      const version = collection.versionColumn
        ? this.collections.versionOf(collection, record)
        : Number(position.rows[0].position);
      // Never "absent" for a row that exists: a missing record reads as deleted downstream.
      if (version === undefined || !Number.isSafeInteger(version) || version <= 0)
        throw new Error(`${collection.name} ${id}: the row has no usable version`);
      return { record, version };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
