/**
 * One destination property filled from the record. `source` is a column of the canonical record
 * (`city`), a key of a json/jsonb column (`attributes.colour`), or `$id`, the record id.
 */
export interface FieldMapping {
  source: string;
  target: string;
  /** How the value is converted for the destination; absent = as it is. */
  transform?: FieldTransform;
  /** For `enum`: record value -> destination value; values not listed are a mapping error. */
  enumMap?: Record<string, string>;
  /** Strings longer than this are truncated (`truncate: true`) or a permanent error. */
  maxLength?: number;
  truncate?: boolean;
  /** Used when the source is null or absent. */
  default?: string | number | boolean | null;
  /** A null/absent value (after `default`) is a permanent mapping error. */
  required?: boolean;
  /**
   * Which way the value flows; absent = 'out'. 'in' fields are read from the destination and
   * written to the column but never sent; 'both' go both ways. 'in'/'both' need the mapping's
   * `inbound` block and a writable column (never `$id`, a key, the identity source or a column
   * Postgres sets).
   */
  direction?: FieldDirection;
  /** Under conflict policy 'field_ownership': the side whose value wins a conflict ('both' fields only). */
  owner?: FieldOwner;
}

export type FieldDirection = 'out' | 'in' | 'both';

export type FieldOwner = 'postgres' | 'crm';

export type FieldTransform =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'date' // 'YYYY-MM-DD'
  | 'datetime' // ISO-8601 UTC
  | 'epoch_ms' // HubSpot date/datetime properties take ms since epoch
  | 'midnight_epoch_ms' // HubSpot `date` properties: UTC midnight in ms
  | 'enum';
