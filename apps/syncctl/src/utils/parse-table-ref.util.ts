import { SyncctlException } from '../exceptions/syncctl.exception';
import type { TableRef } from '../types/table-ref.type';

/**
 * `schema.table` as in the collections config: names as Postgres stores them (case kept), no
 * quotes; the first dot separates them. A quoted part (`"My.Schema".t`) keeps its dots.
 */
export function parseTableRef(text: string): TableRef {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      if (quoted && text[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === '.' && !quoted && parts.length === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  const [schema, table] = parts;
  if (quoted || parts.length !== 2 || !schema || !table) {
    throw new SyncctlException(
      'usage',
      `"${text}" is not a table: write schema.table, e.g. public.orders or inventory."StockLevels"`,
    );
  }
  return { schema, table };
}

/** The table as Debezium and the collections config name it: `schema.table`, unquoted. */
export function tableName(ref: TableRef): string {
  return `${ref.schema}.${ref.table}`;
}
