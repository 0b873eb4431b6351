import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** How long a poller may hold an object before another replica may take it over. */
const LEASE_MS = 120_000;

/**
 * `inbound_cursors`: where polling of one destination object stands. One replica polls an object
 * at a time: it takes a lease on the cursor row (no transaction is held while the CRM is called,
 * so slow or unreachable CRMs never tie up database connections), and the advanced cursor is
 * saved only once the page's changes are written, so a crash re-reads the page (inbound
 * processing is state-based, so re-reading is harmless). A lease left by a dead replica expires.
 */
export class InboundCursorRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `step` with the object's cursor (`initial` the first time) and saves the cursor it
   * returns. `{ ran: false }` when another replica is polling this object right now.
   */
  async withCursor<C, T>(
    destinationId: string,
    object: string,
    initial: C,
    step: (cursor: C) => Promise<{ cursor: C; result: T }>,
  ): Promise<{ ran: false } | { ran: true; result: T }> {
    const lease = randomUUID();
    await this.dataSource.query(
      `INSERT INTO inbound_cursors (destination_id, object, cursor) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (destination_id, object) DO NOTHING`,
      [destinationId, object, JSON.stringify(initial)],
    );
    // TypeORM answers an UPDATE with [rows, affected].
    const [taken]: [{ cursor: C }[], number] = await this.dataSource.query(
      `UPDATE inbound_cursors
          SET leased_by = $3, leased_until = now() + make_interval(secs => $4::float8 / 1000)
        WHERE destination_id = $1 AND object = $2 AND (leased_until IS NULL OR leased_until < now())
        RETURNING cursor`,
      [destinationId, object, lease, LEASE_MS],
    );
    const cursor = taken[0]?.cursor;
    if (cursor === undefined) return { ran: false };
    try {
      const { cursor: next, result } = await step(cursor);
      await this.dataSource.query(
        `UPDATE inbound_cursors SET cursor = $4::jsonb, leased_by = NULL, leased_until = NULL, updated_at = now()
          WHERE destination_id = $1 AND object = $2 AND leased_by = $3`,
        [destinationId, object, lease, JSON.stringify(next)],
      );
      return { ran: true, result };
    } catch (error) {
      await this.dataSource.query(
        `UPDATE inbound_cursors SET leased_by = NULL, leased_until = NULL
          WHERE destination_id = $1 AND object = $2 AND leased_by = $3`,
        [destinationId, object, lease],
      );
      throw error;
    }
  }

  /** The saved cursor (for status and tests); undefined before the first poll. */
  async cursor<C>(destinationId: string, object: string): Promise<C | undefined> {
    const rows: { cursor: C }[] = await this.dataSource.query(
      `SELECT cursor FROM inbound_cursors WHERE destination_id = $1 AND object = $2`,
      [destinationId, object],
    );
    return rows[0]?.cursor;
  }
}
