import { ColumnDefinition } from './column-definition.type';

/**
 * A collection: one source table synced into the cache and available to mappings, with its
 * columns as the Postgres catalog describes them. Built at start-up from the collections config
 * and the catalog (CollectionRegistry); nothing in the code names a particular one.
 */
export interface CollectionDefinition {
  /** Its name in cache keys, URLs and mappings. */
  name: string;
  /** The source table: schema and name exactly as in Postgres (case kept). */
  schema: string;
  table: string;
  /**
   * The columns that identify a row within its tenant, in key order: the primary key (or the
   * configured keyColumns) without the tenant column.
   */
  keyColumns: readonly string[];
  /** The column holding the tenant; absent for a single-tenant collection. */
  tenantColumn?: string;
  /** The tenant every row of a single-tenant collection belongs to (no `tenantColumn`). */
  fixedTenant?: string;
  /** A column whose value grows with every change of a row; absent = WAL-position versions. */
  versionColumn?: string;
  /** Synced columns by name, in table order (included ones only). */
  columns: Readonly<Record<string, ColumnDefinition>>;
  /** How long a cached entry lives after its last write; absent = until changed or deleted. */
  ttlSeconds?: number;
}
