import { ApiErrorException } from '../../errors/api-error.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Record ids are UUIDs; anything else is a 400 naming where it was found. */
export function requireUuid(value: unknown, path: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new ApiErrorException(400, {
      error: 'validation_failed',
      message: `${path} must be a UUID`,
      fields: [{ path, message: 'must be a UUID' }],
    });
  }
  return value.toLowerCase();
}
