/** Who wins when Postgres and the destination both changed a field since it was last known. */
export type ConflictPolicy = 'postgres_wins' | 'crm_wins' | 'last_writer_wins' | 'field_ownership';

/** What a record deleted at the destination does to its row. */
export type InboundDeletePolicy = 'ignore' | 'soft_delete' | 'delete';

/**
 * How destination edits flow back into the collection (two-way sync). A mapping without it is
 * one-way: it may have no 'in' or 'both' fields.
 */
export interface InboundRules {
  conflictPolicy: ConflictPolicy;
  /** For 'last_writer_wins': a timestamptz (or timestamp, read as UTC) column the row's last change sets. */
  modifiedAtColumn?: string;
  /** Create a row for a destination record no row is linked to; absent = false: such records are ignored. */
  createRows?: boolean;
  deletePolicy: InboundDeletePolicy;
  /** For 'soft_delete': a boolean column (set true) or a timestamp/timestamptz column (set to the time). */
  softDeleteColumn?: string;
}
