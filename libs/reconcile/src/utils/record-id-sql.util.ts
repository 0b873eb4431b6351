import type { CollectionDefinition, ColumnDefinition } from '@syncline/records';
import { quoteIdentifier } from './quote-identifier.util';

/**
 * The SQL expression of a row's record id, text equal to what `recordIdOf` makes of the row's
 * canonical form (record-id-sql.util.spec and the reconcile-record-id int-spec hold both to it),
 * so that buckets (`md5` of the id) are the same in Postgres and in Node. A single-column key is
 * its canonical text; a composite key joins its parts with `,`, each part with `%` and `,`
 * percent-escaped. `alias` qualifies the columns (`t."sku"`).
 */
export function recordIdSql(collection: CollectionDefinition, alias?: string): string {
  const parts = collection.keyColumns.map((name) =>
    keyPartSql(collection.columns[name], `${alias ? `${alias}.` : ''}${quoteIdentifier(name)}`),
  );
  if (parts.length === 1) return parts[0];
  return parts
    .map((part) => `replace(replace(${part}, '%', '%25'), ',', '%2C')`)
    .join(` || ',' || `);
}

/** The canonical text of one key column's value (`''` for null, as recordIdOf makes it). */
function keyPartSql(column: ColumnDefinition | undefined, sql: string): string {
  return `coalesce(${canonicalText(column, sql)}, '')`;
}

function canonicalText(column: ColumnDefinition | undefined, sql: string): string {
  switch (column?.kind) {
    case 'boolean':
      return `CASE WHEN ${sql} THEN 'true' ELSE 'false' END`;
    case 'date':
      return `to_char(${sql}, 'YYYY-MM-DD')`;
    case 'timestamp':
      // Seconds' fraction without trailing zeros, none when zero: "2024-03-01T12:34:56.5".
      return `regexp_replace(to_char(${sql}, 'YYYY-MM-DD"T"HH24:MI:SS.US'), '\\.?0+$', '')`;
    case 'timestamptz':
      return `regexp_replace(to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '\\.?0+$', '') || 'Z'`;
    case 'text':
      // char(n) keeps its padding in the canonical form; a cast to text would strip it.
      return column.pgType?.startsWith('character(') ? `bpcharout(${sql})::text` : `${sql}::text`;
    default:
      // integers, numeric, uuid (lower case), enums, text: Postgres prints the canonical text.
      return `${sql}::text`;
  }
}
