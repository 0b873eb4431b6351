import { CollectionDefinition, InvalidRecordIdException, keyValuesOf } from '@syncline/records';
import { qualifiedTable } from './qualified-table.util';
import { quoteIdentifier } from './quote-identifier.util';
import { RawQuery } from './source-session.util';

/**
 * Rows (as `t`) whose keys are among the record ids `ids`, of one tenant when `tenant` names the
 * tenant column and its value; ids that are no valid key match nothing. The keys go as one text
 * array per key column, joined through unnest and cast to the column's type: an index lookup per
 * key (a long `IN ((..), ..)` list of row values plans far slower).
 */
export async function lookupByKeys(
  query: RawQuery,
  collection: CollectionDefinition,
  ids: readonly string[],
  tenant: { column: string; value: string } | undefined,
  select: string,
  lock: '' | 'FOR SHARE' = '',
): Promise<Record<string, string | null>[]> {
  const columns: string[][] = collection.keyColumns.map(() => []);
  for (const id of ids) {
    let key: Record<string, unknown>;
    try {
      key = keyValuesOf(collection, id);
    } catch (error) {
      if (error instanceof InvalidRecordIdException) continue;
      throw error;
    }
    collection.keyColumns.forEach((name, index) => {
      const value = key[name];
      columns[index].push(typeof value === 'string' ? value : String(value));
    });
  }
  if (columns[0].length === 0) return [];
  const values: unknown[] = [...columns];
  const names = collection.keyColumns.map((_, index) => `k${index}`);
  const on = collection.keyColumns.map((name, index) => {
    const type = collection.columns[name]?.pgType;
    return `t.${quoteIdentifier(name)} = k.${names[index]}${type ? `::${type}` : ''}`;
  });
  const where = tenant
    ? `t.${quoteIdentifier(tenant.column)} = $${values.push(tenant.value)}`
    : 'true';
  return query(
    `SELECT ${select} FROM ${qualifiedTable(collection)} t
       JOIN unnest(${names.map((_, index) => `$${index + 1}::text[]`).join(', ')}) AS k(${names.join(', ')})
         ON ${on.join(' AND ')}
      WHERE ${where} ${lock ? `${lock} OF t` : ''}`,
    values,
  );
}
