import { CollectionDefinition } from '@syncline/records';

/** A Postgres identifier, double-quoted (case and any character kept). */
export function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** `"schema"."table"` of a collection. */
export function tableOf(collection: CollectionDefinition): string {
  return `${quoteIdentifier(collection.schema)}.${quoteIdentifier(collection.table)}`;
}

/** The WAL insert position in bytes, like Debezium's `source.lsn`, as text (it exceeds int4). */
export const WAL_POSITION_SQL = `(pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text`;

/**
 * A WHERE clause selecting rows by key values (each a `Record<keyColumn, value>`) within a tenant,
 * with the values appended to `params` as bound parameters. One key column: `"k" IN ($2, $3)`;
 * composite: `("a", "b") IN (($2, $3), ($4, $5))`; Postgres infers each parameter's type from its
 * column, so no type names are written into the SQL.
 */
export function whereKeys(
  collection: CollectionDefinition,
  tenant: string,
  keys: readonly Record<string, unknown>[],
  params: unknown[],
): string {
  const conditions: string[] = [];
  if (collection.tenantColumn) {
    params.push(tenant);
    conditions.push(`${quoteIdentifier(collection.tenantColumn)} = $${params.length}`);
  }
  const names = collection.keyColumns;
  const tuples = keys.map((key) => {
    const placeholders = names.map((name) => {
      params.push(key[name]);
      return `$${params.length}`;
    });
    return names.length === 1 ? placeholders[0] : `(${placeholders.join(', ')})`;
  });
  const columns =
    names.length === 1 ? quoteIdentifier(names[0]) : `(${names.map(quoteIdentifier).join(', ')})`;
  conditions.push(`${columns} IN (${tuples.join(', ')})`);
  return conditions.join(' AND ');
}

/**
 * A canonical value as a bound parameter: json/jsonb as JSON text (a JSON string value too),
 * bytea from base64. Everything else goes as its canonical text (timestamps, ISO intervals,
 * numerics and enums are all valid Postgres input) or as a JS array for array columns.
 */
export function toParameter(
  collection: CollectionDefinition,
  column: string,
  value: unknown,
): unknown {
  if (value === null || value === undefined) return null;
  const kind = collection.columns[column]?.kind;
  if (kind === 'json' || kind === 'jsonb') return JSON.stringify(value);
  if (kind === 'bytea' && typeof value === 'string') return Buffer.from(value, 'base64');
  return value;
}
