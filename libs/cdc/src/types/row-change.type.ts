import { CanonicalRecord, CollectionDefinition } from '@syncline/records';
import { SourcePosition } from './source-position.type';

/**
 * One row's change, decoded. `row` is canonical except for `unavailableColumns` and
 * `absentColumns`, which the consumer must fill in before validating an upsert.
 */
export interface RowChange {
  kind: 'upsert' | 'delete';
  op: 'c' | 'u' | 'r' | 'd';
  collection: CollectionDefinition;
  tenant: string;
  /** The record id (`recordIdOf`): the key values as one string. */
  id: string;
  /** The version column's value, or the change's WAL position (`lsn`) for collections without one. */
  version: number;
  row: CanonicalRecord;
  /** The previous image (updates and deletes) as Debezium sent it; fills TOAST placeholders. */
  before: Record<string, unknown> | null;
  /** Unchanged TOAST values Debezium could not read: the same as in any earlier state of the row. */
  unavailableColumns: string[];
  /**
   * Columns of the collection the event does not carry (the event predates an ADD COLUMN, or
   * Debezium does not send the column's type) or carries in a form that may have lost data (an
   * array with NULL elements: Debezium turns each row of a multi-dimensional array into NULL).
   * Only Postgres knows their value.
   */
  absentColumns: string[];
  /** Columns whose value differs between `before` and `row` (updates only). */
  changedColumns?: string[];
  lsn: number;
  /**
   * When the source transaction committed (Debezium's `source.ts_ms`, the database's clock);
   * absent for snapshot reads, which were committed whenever the row was last written.
   */
  committedAtMs?: number;
  /** When Debezium processed the change (the envelope's `ts_ms`, Connect's clock). */
  emittedAtMs?: number;
  /** The Kafka record's timestamp: when Connect's producer created it (CreateTime). */
  appendedAtMs?: number;
  source: SourcePosition;
}
