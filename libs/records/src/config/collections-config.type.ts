/** One entry of the collections config: settings for one published table. */
export interface CollectionConfigEntry {
  /** `schema.table` as in Postgres (case kept; no quotes). */
  table: string;
  /** Name in keys, URLs and mappings; default: the table's name. */
  name?: string;
  /** Required only for a table without a primary key. */
  keyColumns?: string[];
  /** Absent: the collection is single-tenant and its rows belong to `tenant`. */
  tenantColumn?: string;
  /** The tenant every row of a single-tenant collection belongs to (default `default`). */
  tenant?: string;
  /** Absent: versions are WAL positions. */
  versionColumn?: string;
  /** Only these columns are synced (key, tenant and version columns always are). */
  include?: string[];
  /** These columns are not synced. */
  exclude?: string[];
  /** Cached entries expire this long after their last write. */
  ttlSeconds?: number;
}

/** The collections config document (YAML file or ConfigMap key `collections.yaml`). */
export interface CollectionsConfig {
  collections?: CollectionConfigEntry[];
}
