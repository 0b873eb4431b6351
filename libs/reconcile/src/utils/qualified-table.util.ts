import type { CollectionDefinition } from '@syncline/records';
import { quoteIdentifier } from './quote-identifier.util';

/** A collection's table as SQL text: `"schema"."table"`, case kept. */
export function qualifiedTable(collection: CollectionDefinition): string {
  return `${quoteIdentifier(collection.schema)}.${quoteIdentifier(collection.table)}`;
}
