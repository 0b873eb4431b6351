import { ApiErrorException } from '../../errors/api-error.exception';

/** `If-Match: "12"` (or W/"12", or 12) -> 12; absent -> undefined; anything else -> 400. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^(?:W\/)?"?(\d{1,16})"?$/.exec(header.trim());
  if (!match) {
    throw new ApiErrorException(400, {
      error: 'validation_failed',
      message: 'If-Match must be an ETag returned by this API, e.g. "42"',
      fields: [{ path: 'headers/If-Match', message: 'must be a quoted version number' }],
    });
  }
  return Number(match[1]);
}
