import { CatalogTable, TableName } from '../catalog/catalog-table.type';
import { CollectionsConfigException } from '../exceptions/collections-config.exception';
import { CollectionDefinition } from '../types/collection-definition.type';
import { ColumnDefinition } from '../types/column-definition.type';
import { CollectionConfigEntry, CollectionsConfig } from './collections-config.type';

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const TENANT_KINDS = new Set(['text', 'uuid', 'smallint', 'integer', 'bigint', 'enum']);
const VERSION_KINDS = new Set(['smallint', 'integer', 'bigint']);
export const DEFAULT_TENANT = 'default';

export interface BuiltCollections {
  collections: CollectionDefinition[];
  /** Published tables left out, with the reason (no primary key and no keyColumns). */
  skipped: string[];
}

export function qualifiedName({ schema, table }: TableName): string {
  return `${schema}.${table}`;
}

/**
 * Turns the published tables, as the catalog describes them, and the config's entries into
 * collections. Every published table with a key becomes one (zero-config: named after its
 * table, single-tenant, WAL-position versions); an entry refines the table it names. Throws
 * CollectionsConfigException naming the entry and field of every problem.
 */
export function buildCollections(
  published: readonly TableName[],
  catalog: readonly CatalogTable[],
  config: CollectionsConfig,
): BuiltCollections {
  const problems: string[] = [];
  const byQualified = new Map(catalog.map((table) => [qualifiedName(table), table]));
  const publishedNames = new Set(published.map(qualifiedName));
  const entries = new Map<string, CollectionConfigEntry>();
  (config.collections ?? []).forEach((entry, index) => {
    const where = `collections[${index}] (${entry.table})`;
    if (entries.has(entry.table)) problems.push(`${where}: the table is configured twice`);
    else if (!byQualified.has(entry.table)) problems.push(`${where}.table: no such table`);
    else if (!publishedNames.has(entry.table))
      problems.push(
        `${where}.table: not in the publication (syncctl collections add puts it there)`,
      );
    entries.set(entry.table, entry);
  });

  const collections: CollectionDefinition[] = [];
  const skipped: string[] = [];
  for (const tableName of published) {
    const qualified = qualifiedName(tableName);
    const table = byQualified.get(qualified);
    if (!table) continue;
    const entry = entries.get(qualified);
    const index = (config.collections ?? []).indexOf(entry as CollectionConfigEntry);
    const where = entry ? `collections[${index}] (${qualified})` : qualified;
    const built = buildOne(table, entry, where, problems);
    if (built === 'no-key')
      skipped.push(`${qualified}: no primary key (set keyColumns to sync it)`);
    else if (built) collections.push(built);
  }

  const names = new Map<string, string>();
  for (const collection of collections) {
    const other = names.get(collection.name);
    const qualified = `${collection.schema}.${collection.table}`;
    if (other)
      problems.push(
        `${qualified}: collection name ${collection.name} is taken by ${other}; set name`,
      );
    names.set(collection.name, qualified);
  }
  if (problems.length > 0) throw new CollectionsConfigException(problems);
  return { collections, skipped };
}

function buildOne(
  table: CatalogTable,
  entry: CollectionConfigEntry | undefined,
  where: string,
  problems: string[],
): CollectionDefinition | 'no-key' | undefined {
  const columnsByName = new Map(table.columns.map((column) => [column.name, column]));
  const before = problems.length;
  const requireColumn = (field: string, name: string | undefined): void => {
    if (name !== undefined && !columnsByName.has(name))
      problems.push(`${where}.${field}: column ${JSON.stringify(name)} does not exist`);
  };
  const name = entry?.name ?? table.table;
  if (!NAME.test(name))
    problems.push(
      `${where}.name: ${JSON.stringify(name)} cannot name a collection (letters, digits, _ and -); set name`,
    );
  // A record's id names it within its tenant: a tenant column in the primary key is left out.
  const keyColumns = (entry?.keyColumns ?? table.primaryKey).filter(
    (column) => column !== entry?.tenantColumn,
  );
  if (keyColumns.length === 0) {
    if (!entry) return 'no-key';
    problems.push(
      `${where}.keyColumns: the table has no primary key (beside the tenant); list its key columns`,
    );
    return undefined;
  }
  keyColumns.forEach((column) => requireColumn('keyColumns', column));
  requireColumn('tenantColumn', entry?.tenantColumn);
  requireColumn('versionColumn', entry?.versionColumn);
  for (const column of [...(entry?.include ?? []), ...(entry?.exclude ?? [])])
    requireColumn(entry?.include ? 'include' : 'exclude', column);
  const tenantKind = entry?.tenantColumn && columnsByName.get(entry.tenantColumn)?.definition.kind;
  if (tenantKind && !TENANT_KINDS.has(tenantKind))
    problems.push(`${where}.tenantColumn: a ${tenantKind} column cannot hold tenant ids`);
  const versionKind =
    entry?.versionColumn && columnsByName.get(entry.versionColumn)?.definition.kind;
  if (versionKind && !VERSION_KINDS.has(versionKind))
    problems.push(`${where}.versionColumn: must be an integer column, not ${versionKind}`);
  const always = new Set([...keyColumns, entry?.tenantColumn, entry?.versionColumn]);
  for (const column of entry?.exclude ?? [])
    if (always.has(column))
      problems.push(
        `${where}.exclude: ${column} is a key, tenant or version column and is always synced`,
      );
  if (problems.length > before) return undefined;

  const included = (column: string): boolean =>
    always.has(column) ||
    (entry?.include ? entry.include.includes(column) : !(entry?.exclude ?? []).includes(column));
  const columns: Record<string, ColumnDefinition> = {};
  for (const column of table.columns) {
    if (!included(column.name)) continue;
    const serverSet =
      column.serverSet ||
      column.name === entry?.tenantColumn ||
      column.name === entry?.versionColumn;
    columns[column.name] = {
      ...column.definition,
      ...(serverSet ? { generated: true } : {}),
      ...(keyColumns.includes(column.name) ? { immutable: true } : {}),
    };
  }
  return {
    name,
    schema: table.schema,
    table: table.table,
    keyColumns,
    ...(entry?.tenantColumn ? { tenantColumn: entry.tenantColumn } : {}),
    ...(entry?.versionColumn ? { versionColumn: entry.versionColumn } : {}),
    ...(entry?.ttlSeconds ? { ttlSeconds: entry.ttlSeconds } : {}),
    ...(entry?.tenantColumn ? {} : { fixedTenant: entry?.tenant ?? DEFAULT_TENANT }),
    columns,
  };
}
