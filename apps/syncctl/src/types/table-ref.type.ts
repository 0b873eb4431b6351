/** A source table as Postgres names it: schema and table, case kept, no quotes. */
export interface TableRef {
  schema: string;
  table: string;
}
