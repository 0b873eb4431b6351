export type SyncOperation = 'create' | 'update' | 'delete';

/** A condition on the record's current state; all conditions of a rule set must hold. */
export interface RowCondition {
  field: string; // a column, or <json column>.<key>
  op: 'eq' | 'neq' | 'in' | 'not_in' | 'exists' | 'not_exists' | 'gt' | 'gte' | 'lt' | 'lte';
  value?: unknown;
}

export interface SyncRules {
  /** Which operations sync. An update of a record the destination never received counts as create. */
  operations: SyncOperation[];
  /** The record must match all of these to be sent; one that stops matching is handled by `deletePolicy`' rules (not re-sent). */
  conditions?: RowCondition[];
  /** Sync an update only when one of these fields changed; absent = any change. */
  triggerFields?: string[];
  /** What a delete upstream does at the destination. */
  deletePolicy: 'archive' | 'ignore';
  /**
   * What a TRUNCATE of the source table does at the destination. Only 'ignore' (the default): the
   * cache drops the table's records, but CRM records stay and no per-row deletes are sent (a
   * TRUNCATE carries no rows, and emptying a CRM object because a table was reloaded is rarely what
   * is wanted). Rows inserted again are delivered as usual; to remove CRM records that no longer
   * exist at the source, run `reconcile crm`.
   */
  truncatePolicy?: 'ignore';
}
