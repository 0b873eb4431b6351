import { CollectionDefinition, columnJsonSchema, keyValuesOf, recordIdOf } from '@syncline/records';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ApiErrorException } from '../../errors/api-error.exception';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// Per definition object: a reloaded collection gets its own.
const keyValidators = new WeakMap<CollectionDefinition, ValidateFunction>();

/**
 * A client's record id in the one form cache keys and responses use (`007` -> `7`, an upper-case
 * uuid in lower case). An id that cannot name a key of the collection (wrong number of parts, a
 * part that does not fit its column's type) is a 400 naming where it was found, before any query.
 */
export function canonicalRecordId(
  collection: CollectionDefinition,
  value: unknown,
  path: string,
): string {
  if (typeof value !== 'string' || value === '') {
    throw invalid(
      path,
      `${path} must be a record id of ${collection.name}`,
      'must be a non-empty string',
    );
  }
  let key: Record<string, unknown>;
  try {
    key = keyValuesOf(collection, value);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw invalid(path, message, message);
  }
  const validate = keyValidator(collection);
  if (!validate(key)) {
    const problems = (validate.errors ?? []).map(
      (error) => `${error.instancePath.slice(1)} ${error.message ?? error.keyword}`,
    );
    const message = `${JSON.stringify(value)} is not an id of ${collection.name}: ${problems.join('; ')}`;
    throw invalid(path, message, problems.join('; '));
  }
  return recordIdOf(collection, key);
}

function keyValidator(collection: CollectionDefinition): ValidateFunction {
  let validate = keyValidators.get(collection);
  if (!validate) {
    const properties = Object.fromEntries(
      collection.keyColumns.map((name) => [
        name,
        columnJsonSchema({ ...collection.columns[name], nullable: false }),
      ]),
    );
    validate = ajv.compile({ type: 'object', properties });
    keyValidators.set(collection, validate);
  }
  return validate;
}

function invalid(path: string, message: string, fieldMessage: string): ApiErrorException {
  return new ApiErrorException(400, {
    error: 'invalid_record_id',
    message,
    fields: [{ path, message: fieldMessage }],
  });
}
