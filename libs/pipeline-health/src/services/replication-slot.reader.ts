import { Pool } from 'pg';
import { SlotHealth } from '../types/slot-health.type';

/**
 * Reads a replication slot's state with the app's own connection: pg_replication_slots and
 * pg_current_wal_lsn() need no privilege beyond CONNECT. Undefined when the slot does not exist.
 */
export class ReplicationSlotReader {
  constructor(private readonly pool: Pool) {}

  async read(slot: string): Promise<SlotHealth | undefined> {
    const { rows } = await this.pool.query<{
      active: boolean;
      retained: string | null;
      flush_lag: string | null;
    }>(
      `SELECT active,
              pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::text AS retained,
              pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::text AS flush_lag
         FROM pg_replication_slots WHERE slot_name = $1`,
      [slot],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      slot,
      active: row.active,
      // A slot that never streamed has no LSNs yet: nothing retained, nothing behind.
      retainedWalBytes: Math.max(0, Number(row.retained ?? 0)),
      confirmedFlushLagBytes: Math.max(0, Number(row.flush_lag ?? 0)),
    };
  }
}
