import { CanonicalRecord, EntityDefinition } from '@syncline/records';
import { SourcePosition } from './source-position.type';

/**
 * One row's change, decoded. `row` is canonical except for `unavailableColumns` (unchanged TOAST
 * values Debezium could not read), which the consumer must fill in before validating.
 */
export interface RowChange {
  kind: 'upsert' | 'delete';
  op: 'c' | 'u' | 'r' | 'd';
  entity: EntityDefinition;
  tenant: string;
  id: string;
  version: number;
  row: CanonicalRecord;
  /** The previous image (updates and deletes) as Debezium sent it; fills TOAST placeholders. */
  before: Record<string, unknown> | null;
  unavailableColumns: string[];
  /** Columns whose value differs between `before` and `row` (updates only). */
  changedColumns?: string[];
  lsn: number;
  source: SourcePosition;
}
