import { Pool, PoolClient } from 'pg';
import { WAL_POSITION_SQL } from './source-sql.util';

/** The WAL insert position now, on `db` (inside its transaction when it is a client in one). */
export async function walPosition(db: Pick<Pool | PoolClient, 'query'>): Promise<number> {
  const { rows } = await db.query<{ position: string }>(`SELECT ${WAL_POSITION_SQL} AS position`);
  return toPosition(rows[0]?.position);
}

/** A WAL position as a number (exact up to 2^53 bytes of WAL); 0 = none, unchecked by the cache. */
export function toPosition(value: unknown): number {
  const position = Number(value);
  return Number.isSafeInteger(position) && position > 0 ? position : 0;
}
