import { Pool, PoolClient } from 'pg';

/** Runs `work` in one transaction on a pooled connection: COMMIT on success, ROLLBACK on error. */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError; // the connection is unusable: drop it from the pool
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
