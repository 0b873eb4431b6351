import { SalesforceApiException } from '../exceptions/salesforce-api.exception';

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A Get Deleted `start`/`end` parameter (ISO 8601 with a zone, e.g. 2024-05-05T00:00:00+00:00)
 * as ms, truncated to the minute: Salesforce ignores the seconds of these values.
 */
export function parseReplicationDate(raw: unknown, name: 'start' | 'end'): number {
  if (typeof raw !== 'string' || raw === '') {
    throw new SalesforceApiException(400, 'MISSING_ARGUMENT', `${name} parameter is required`);
  }
  const iso = raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = ISO_DATETIME.test(raw) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new SalesforceApiException(
      400,
      'INVALID_REPLICATION_DATE',
      `${name} must be an ISO 8601 date/time with a time zone; got '${raw}'`,
    );
  }
  return Math.floor(ms / 60_000) * 60_000;
}
