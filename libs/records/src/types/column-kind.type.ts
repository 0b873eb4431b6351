/** How a column is represented in a canonical record (the JSON the cache holds and CRMs get). */
export type ColumnKind =
  | 'uuid' // string
  | 'text' // string
  | 'enum' // string, one of `values`
  | 'integer' // number
  | 'bigint' // number (safe integer)
  | 'numeric' // string, exact decimal ("1234.50")
  | 'boolean'
  | 'timestamptz' // ISO-8601 UTC string with milliseconds
  | 'date' // 'YYYY-MM-DD'
  | 'jsonb'; // object
