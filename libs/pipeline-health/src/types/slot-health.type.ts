/** The Debezium replication slot as pg_replication_slots shows it. */
export interface SlotHealth {
  slot: string;
  active: boolean;
  /** WAL the slot keeps on the database: pg_current_wal_lsn() - restart_lsn. */
  retainedWalBytes: number;
  /** WAL written but not yet confirmed by Debezium: pg_current_wal_lsn() - confirmed_flush_lsn. */
  confirmedFlushLagBytes: number;
}
