import { ColumnKind } from './column-kind.type';

/** One column of a collection, as read from the Postgres catalog. */
export interface ColumnDefinition {
  kind: ColumnKind;
  nullable: boolean;
  /** The Postgres type as `format_type` prints it (`character varying(64)`, `my_domain`). */
  pgType?: string;
  /** Allowed values of an enum column (or of an enum array's elements), in the enum's order. */
  values?: readonly string[];
  /** The element type of an array column. */
  element?: ColumnDefinition;
  /** Most characters of varchar(n) / char(n). */
  maxLength?: number;
  /** numeric(precision, scale); time and timestamp fractional-second digits. */
  precision?: number;
  scale?: number;
  /** Set by Postgres (identity, generated, the tenant or version column); clients may not write it. */
  generated?: boolean;
  /** May be given on create but never changed (a key column). */
  immutable?: boolean;
  /** Has a database default, so a create may leave it out. */
  hasDefault?: boolean;
  /** Extra JSON Schema keywords. */
  schema?: Record<string, unknown>;
}
