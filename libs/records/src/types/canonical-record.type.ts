/** A row in its canonical JSON form: Postgres column names, values as `ColumnKind` says. */
export type CanonicalRecord = Record<string, unknown>;
