import { ColumnDefinition } from '../types/column-definition.type';

/** A Postgres table by schema and name, exactly as the catalog spells them. */
export interface TableName {
  schema: string;
  table: string;
}

export interface CatalogColumn {
  name: string;
  /** An identity or generated column: Postgres sets it, clients may not. */
  serverSet: boolean;
  definition: ColumnDefinition;
}

/** What the catalog says about one table. */
export interface CatalogTable extends TableName {
  /** Primary key columns in key order; empty when the table has none. */
  primaryKey: string[];
  columns: CatalogColumn[];
}
