import { ColumnKind } from './column-kind.type';

export interface ColumnDefinition {
  kind: ColumnKind;
  nullable: boolean;
  /** Allowed values of an enum column. */
  values?: readonly string[];
  /** Set by Postgres (default, trigger or key); clients may not write it. */
  generated?: boolean;
  /** May be given on create but never changed (a key). */
  immutable?: boolean;
  /** Has a database default, so a create may leave it out. */
  hasDefault?: boolean;
  /** Extra JSON Schema keywords (format, pattern, bounds). */
  schema?: Record<string, unknown>;
}
