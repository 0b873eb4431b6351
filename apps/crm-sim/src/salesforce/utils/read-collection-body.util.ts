import { SALESFORCE_DEFAULTS } from '../constants/salesforce-defaults.constant';
import { SalesforceApiException } from '../exceptions/salesforce-api.exception';

/** `{ allOrNone, records }` of an sObject Collections body, with the 200-record limit. */
export function readCollectionBody(body: unknown): {
  allOrNone: boolean;
  records: Record<string, unknown>[];
} {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!Array.isArray(input.records)) {
    throw new SalesforceApiException(
      400,
      'JSON_PARSER_ERROR',
      'The request body must contain a "records" array',
    );
  }
  if (input.records.length > SALESFORCE_DEFAULTS.collectionSize) {
    throw new SalesforceApiException(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${SALESFORCE_DEFAULTS.collectionSize} records into this call`,
    );
  }
  const records = input.records.map((r: unknown, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      throw new SalesforceApiException(400, 'JSON_PARSER_ERROR', `records[${i}] must be an object`);
    }
    return r as Record<string, unknown>;
  });
  return { allOrNone: input.allOrNone === true || input.allOrNone === 'true', records };
}
