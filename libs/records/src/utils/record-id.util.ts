import { InvalidRecordIdException } from '../exceptions/invalid-record-id.exception';
import { CanonicalRecord } from '../types/canonical-record.type';
import { CollectionDefinition } from '../types/collection-definition.type';
import { ColumnDefinition } from '../types/column-definition.type';

const INTEGER_KINDS = new Set(['smallint', 'integer', 'bigint']);
// Key parts Postgres would refuse to cast are no key: refused here, before any query.
const KEY_TEXT_PATTERNS: Partial<Record<string, RegExp>> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  numeric: /^-?\d+(\.\d+)?$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
};

/**
 * A record's id: its key values as one string, the form URLs, cache keys and notices use. A
 * single-column key is its canonical value as text (a uuid, `42`, `ACME-7`); a composite key
 * joins its parts with `,`, each with `%` and `,` percent-escaped, so any value round-trips.
 */
export function recordIdOf(collection: CollectionDefinition, record: CanonicalRecord): string {
  const parts = collection.keyColumns.map((name) => keyPartText(record[name]));
  if (parts.length === 1) return parts[0];
  return parts.map((part) => part.replace(/%/g, '%25').replace(/,/g, '%2C')).join(',');
}

/** The key columns' canonical values an id stands for; throws InvalidRecordIdException. */
export function keyValuesOf(collection: CollectionDefinition, id: string): Record<string, unknown> {
  const names = collection.keyColumns;
  const parts =
    names.length === 1
      ? [id]
      : id.split(',').map((part) => part.replace(/%2C/gi, ',').replace(/%25/g, '%'));
  if (parts.length !== names.length)
    throw new InvalidRecordIdException(
      collection.name,
      id,
      `expected ${names.length} key parts (${names.join(', ')}), got ${parts.length}`,
    );
  const values: Record<string, unknown> = {};
  names.forEach((name, index) => {
    values[name] = keyPartValue(collection, id, name, collection.columns[name], parts[index]);
  });
  return values;
}

function keyPartText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function keyPartValue(
  collection: CollectionDefinition,
  id: string,
  name: string,
  column: ColumnDefinition | undefined,
  text: string,
): unknown {
  if (column && INTEGER_KINDS.has(column.kind)) {
    const number = Number(text);
    if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(number))
      throw new InvalidRecordIdException(collection.name, id, `${name} must be an integer`);
    return number;
  }
  if (column?.kind === 'boolean') {
    if (text !== 'true' && text !== 'false')
      throw new InvalidRecordIdException(collection.name, id, `${name} must be true or false`);
    return text === 'true';
  }
  const pattern = column ? KEY_TEXT_PATTERNS[column.kind] : undefined;
  if (pattern && !pattern.test(text))
    throw new InvalidRecordIdException(collection.name, id, `${name} must be a ${column?.kind}`);
  if (column?.kind === 'uuid') return text.toLowerCase();
  return text;
}
