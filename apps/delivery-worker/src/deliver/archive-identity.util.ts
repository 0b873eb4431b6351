import { EntityMapping, RECORD_ID_SOURCE, identityText } from '@syncline/mapping';
import { CollectionDefinition, keyValuesOf } from '@syncline/records';

/**
 * The identity of a deleted record, known without its data: the record id itself (`$id`), or a
 * key column's value taken from the id. Undefined when the identity is another column (only the
 * delivery log then knows what the destination holds it under).
 */
export function archiveIdentity(
  mapping: Pick<EntityMapping, 'identity'>,
  collection: CollectionDefinition,
  id: string,
): string | undefined {
  const source = mapping.identity.source;
  if (source === RECORD_ID_SOURCE) return id;
  if (!collection.keyColumns.includes(source)) return undefined;
  try {
    return identityText(keyValuesOf(collection, id)[source]);
  } catch {
    return undefined; // an id of another shape: leave it to the delivery log
  }
}
