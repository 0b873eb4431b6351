import { CollectionDefinition, keyValuesOf, recordIdOf } from '@syncline/records';
import { ApiErrorException } from '../../errors/api-error.exception';

/**
 * A client's record id in the one form cache keys and responses use (`007` -> `7`, an upper-case
 * uuid in lower case). An id that cannot name a key of the collection, or anything but a string,
 * is a 400 naming where it was found.
 */
export function canonicalRecordId(
  collection: CollectionDefinition,
  value: unknown,
  path: string,
): string {
  if (typeof value !== 'string' || value === '') {
    throw new ApiErrorException(400, {
      error: 'validation_failed',
      message: `${path} must be a record id of ${collection.name}`,
      fields: [{ path, message: 'must be a non-empty string' }],
    });
  }
  try {
    return recordIdOf(collection, keyValuesOf(collection, value));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ApiErrorException(400, {
      error: 'invalid_record_id',
      message,
      fields: [{ path, message }],
    });
  }
}
