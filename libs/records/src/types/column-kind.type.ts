/**
 * How a column is represented in a canonical record (the JSON the cache holds, the API serves and
 * CRMs get). docs/collections.md lists the Postgres types behind each kind and the exact form.
 */
export type ColumnKind =
  | 'smallint' // number
  | 'integer' // number
  | 'bigint' // number (a safe integer; larger values cannot be represented)
  | 'numeric' // string, exact decimal ("1234.50")
  | 'real' // number, or "NaN" / "Infinity" / "-Infinity"
  | 'double' // number, or "NaN" / "Infinity" / "-Infinity"
  | 'text' // string (text, varchar(n), char(n))
  | 'boolean'
  | 'uuid' // string, lower case
  | 'date' // "YYYY-MM-DD"
  | 'time' // "HH:MM:SS[.ffffff]"
  | 'timestamp' // "YYYY-MM-DDTHH:MM:SS[.ffffff]", no zone
  | 'timestamptz' // "YYYY-MM-DDTHH:MM:SS[.ffffff]Z", in UTC
  | 'interval' // ISO 8601 duration, e.g. "P1Y2M3DT4H5M6.5S"
  | 'json' // any JSON value
  | 'jsonb' // any JSON value
  | 'bytea' // base64 string
  | 'enum' // string, one of `values`
  | 'array' // JSON array of `element` values (nested for multi-dimensional arrays)
  | 'unsupported'; // a Postgres type Syncline cannot represent: exclude the column, or its rows are dead-lettered
