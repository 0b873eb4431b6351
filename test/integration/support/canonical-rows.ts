import { CanonicalRecord, CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { Pool } from 'pg';

// Every value as Postgres' text output, the form toCanonicalValue reads exactly (node-postgres'
// Dates would cut timestamps to milliseconds).
const AS_TEXT = { getTypeParser: () => (value: string) => value };

/** Rows of a query in canonical form, as the cache must hold them (read as text, in UTC). */
export async function canonicalRows(
  pool: Pool,
  registry: CollectionRegistry,
  collection: CollectionDefinition,
  sql: string,
  values: unknown[] = [],
): Promise<CanonicalRecord[]> {
  const rows = await textRows(pool, sql, values);
  return rows.map((row) => registry.canonicalize(collection, row));
}

/** Rows of a query with every value as Postgres prints it (UTC, ISO 8601 intervals). */
export async function textRows(
  pool: Pool,
  sql: string,
  values: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL TimeZone = 'UTC'; SET LOCAL IntervalStyle = 'iso_8601'`);
    const { rows } = await client.query<Record<string, unknown>>({
      text: sql,
      values,
      types: AS_TEXT,
    });
    await client.query('COMMIT');
    return rows;
  } finally {
    client.release();
  }
}
