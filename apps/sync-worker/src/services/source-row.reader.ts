import {
  CanonicalRecord,
  CollectionDefinition,
  CollectionRegistry,
  keyValuesOf,
} from '@syncline/records';
import { Pool, QueryResultRow } from 'pg';

/** A row as Postgres holds it now, with a version no older state of the row can claim. */
export interface CurrentRow {
  record: CanonicalRecord;
  version: number;
  /** The WAL insert position read after the row was locked (see `read`). */
  position: number;
}

// Every value as Postgres' text output: the one form toCanonicalValue reads the same on any pool.
const AS_TEXT = { getTypeParser: () => (value: string) => value };

/**
 * Reads one record's current row from the source, for what a change event does not carry (TOAST
 * placeholders, columns Debezium does not send, events older than an ADD COLUMN).
 *
 * The version is safe on both version sources: `SELECT ... FOR SHARE` waits for any uncommitted
 * writer of the row, and the WAL position read after it, in the same transaction, is above every
 * change the row shows and below any later change (which waits for our lock). Needs UPDATE
 * privilege on the table (FOR SHARE).
 */
export class SourceRowReader {
  constructor(
    private readonly pool: Pool,
    private readonly registry: CollectionRegistry,
  ) {}

  async read(
    collection: CollectionDefinition,
    tenant: string,
    id: string,
  ): Promise<CurrentRow | undefined> {
    const keys = keyValuesOf(collection, id);
    const conditions = Object.keys(keys).map((name, i) => `${quote(name)} = $${i + 1}`);
    const values: unknown[] = Object.values(keys);
    if (collection.tenantColumn) {
      values.push(tenant);
      conditions.push(`${quote(collection.tenantColumn)} = $${values.length}`);
    }
    const table = `${quote(collection.schema)}.${quote(collection.table)}`;
    const client = await this.pool.connect();
    let failure: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL TimeZone = 'UTC'; SET LOCAL IntervalStyle = 'iso_8601'`);
      const { rows } = await client.query<QueryResultRow>({
        text: `SELECT * FROM ${table} WHERE ${conditions.join(' AND ')} FOR SHARE`,
        values,
        types: AS_TEXT,
      });
      const { rows: at } = await client.query<{ position: string }>(
        `SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS position`,
      );
      await client.query('COMMIT');
      if (!rows[0]) return undefined;
      const record = this.registry.canonicalize(collection, rows[0]);
      const position = Number(at[0].position);
      return {
        record,
        position,
        version: this.registry.versionOf(collection, record) ?? position,
      };
    } catch (error) {
      failure = error as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // A connection that failed mid-transaction is not handed out again.
      client.release(failure);
    }
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
