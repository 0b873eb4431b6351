import { CollectionDefinition } from '../types/collection-definition.type';
import { columnJsonSchema } from './column-json-schema.util';

export interface RecordJsonSchemas {
  /** A whole canonical record, as the cache holds it. */
  record: Record<string, unknown>;
  /** What a client may send to create one (server-set columns excluded). */
  create: Record<string, unknown>;
  /** What a client may send to change one: any writable columns, at least one. */
  update: Record<string, unknown>;
}

/** Builds the JSON Schemas of a collection from its column definitions. */
export function recordJsonSchemas(collection: CollectionDefinition): RecordJsonSchemas {
  const entries = Object.entries(collection.columns);
  const all = Object.fromEntries(entries.map(([name, column]) => [name, columnJsonSchema(column)]));
  const writable = Object.fromEntries(
    entries
      .filter(([, column]) => !column.generated)
      .map(([name, column]) => [name, columnJsonSchema(column)]),
  );
  // Keys may be chosen on create but never changed: an update of a key would orphan its cache key.
  const changeable = Object.fromEntries(
    entries
      .filter(([, column]) => !column.generated && !column.immutable)
      .map(([name, column]) => [name, columnJsonSchema(column)]),
  );
  const requiredOnCreate = entries
    .filter(([, column]) => !column.generated && !column.nullable && !column.hasDefault)
    .map(([name]) => name);
  return {
    record: {
      type: 'object',
      properties: all,
      required: Object.keys(all),
      additionalProperties: false,
    },
    create: {
      type: 'object',
      properties: writable,
      required: requiredOnCreate,
      additionalProperties: false,
    },
    update: {
      type: 'object',
      properties: changeable,
      minProperties: 1,
      additionalProperties: false,
    },
  };
}
