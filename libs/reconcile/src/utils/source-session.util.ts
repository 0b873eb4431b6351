import { Pool, PoolClient, QueryConfig, QueryResultRow } from 'pg';

// Every value as Postgres prints it: the canonical form is made from text (toCanonicalValue),
// whatever parsers the pool has for other users.
const RAW_TEXT = { getTypeParser: () => (value: string) => value };

/** Runs `fn` in one transaction whose output settings give the text canonicalize expects. */
export async function withSourceSession<T>(
  pool: Pool,
  fn: (query: RawQuery) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(
      `BEGIN; SET LOCAL TimeZone TO 'UTC'; SET LOCAL IntervalStyle TO 'iso_8601'; SET LOCAL DateStyle TO 'ISO'; SET LOCAL extra_float_digits TO 1`,
    );
    const result = await fn((text, values) => rawQuery(client, text, values));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export type RawQuery = <R extends QueryResultRow = Record<string, string | null>>(
  text: string,
  values?: unknown[],
) => Promise<R[]>;

async function rawQuery<R extends QueryResultRow>(
  client: PoolClient,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const config = { text, values, types: RAW_TEXT } as QueryConfig;
  const { rows } = await client.query<R>(config);
  return rows;
}
