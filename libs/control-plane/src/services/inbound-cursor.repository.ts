import { DataSource } from 'typeorm';

/**
 * `inbound_cursors`: where polling of one destination object stands. One replica polls an object
 * at a time: the cursor row stays locked (FOR UPDATE SKIP LOCKED) while its page is processed,
 * and the advanced cursor commits only once the page's changes are written, so a crash re-reads
 * the page (inbound processing is state-based, so re-reading is harmless).
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
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `INSERT INTO inbound_cursors (destination_id, object, cursor) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (destination_id, object) DO NOTHING`,
        [destinationId, object, JSON.stringify(initial)],
      );
      const rows = (await runner.query(
        `SELECT cursor FROM inbound_cursors WHERE destination_id = $1 AND object = $2
           FOR UPDATE SKIP LOCKED`,
        [destinationId, object],
      )) as { cursor: C }[];
      if (rows.length === 0) {
        await runner.rollbackTransaction();
        return { ran: false };
      }
      const { cursor, result } = await step(rows[0].cursor);
      await runner.query(
        `UPDATE inbound_cursors SET cursor = $3::jsonb, updated_at = now()
          WHERE destination_id = $1 AND object = $2`,
        [destinationId, object, JSON.stringify(cursor)],
      );
      await runner.commitTransaction();
      return { ran: true, result };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
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
