/**
 * Vendor error codes (HubSpot `category`/`errors[].code`, Salesforce `errorCode`/`statusCode`,
 * OAuth `error`) by what they mean for a retry. Codes not listed fall back to the HTTP status;
 * with no status either, an error is permanent (the DLQ keeps it visible and replayable).
 */
export const CRM_ERROR_CODES = {
  /** Limits: wait (Retry-After) and try again. */
  rateLimited: new Set([
    'RATE_LIMITS',
    'RATE_LIMIT',
    'REQUEST_LIMIT_EXCEEDED',
    'TOO_MANY_REQUESTS',
  ]),
  /** The session or token is not (or no longer) valid: re-authorize once, then give up. */
  auth: new Set([
    'INVALID_SESSION_ID',
    'INVALID_AUTHENTICATION',
    'EXPIRED_AUTHENTICATION',
    'INVALID_AUTH_HEADER',
  ]),
  /** The CRM could not do it now; the same request can succeed later. */
  transient: new Set([
    'UNABLE_TO_LOCK_ROW',
    'SERVER_UNAVAILABLE',
    'SERVICE_UNAVAILABLE',
    'UNKNOWN_EXCEPTION',
    'INTERNAL_ERROR',
    'REQUEST_RUNNING_TOO_LONG',
    'QUERY_TIMEOUT',
    'TIMEOUT',
    'INVALID_QUERY_LOCATOR',
    // HTTP reason names (HubSpot's ErrorCategory carried them as httpStatus).
    'INTERNAL_SERVER_ERROR',
    'TEMPORARILY_UNAVAILABLE',
    'GATEWAY_TIMEOUT',
    'BAD_GATEWAY',
  ]),
  /** The data or request is wrong; retrying cannot help. */
  permanent: new Set([
    'VALIDATION_ERROR',
    'PROPERTY_DOESNT_EXIST',
    'INVALID_INTEGER',
    'INVALID_OPTION',
    'INVALID_DATE',
    'INVALID_BOOLEAN',
    'INVALID_EMAIL',
    'READ_ONLY_VALUE',
    'CONFLICT',
    'OBJECT_NOT_FOUND',
    'OBJECT_ALREADY_EXISTS',
    'BAD_REQUEST',
    'MISSING_SCOPES',
    'DUPLICATE_VALUE',
    'DUPLICATE_EXTERNAL_ID',
    'INVALID_FIELD',
    'INVALID_FIELD_FOR_INSERT_UPDATE',
    'INVALID_TYPE',
    'INVALID_TYPE_ON_FIELD_IN_RECORD',
    'STRING_TOO_LONG',
    'REQUIRED_FIELD_MISSING',
    'INVALID_EMAIL_ADDRESS',
    'NUMBER_OUTSIDE_VALID_RANGE',
    'MALFORMED_ID',
    'MALFORMED_QUERY',
    'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    'INVALID_CROSS_REFERENCE_KEY',
    'ENTITY_IS_DELETED',
    'EXCEEDED_ID_LIMIT',
    'NOT_FOUND',
    'INSUFFICIENT_ACCESS',
    'INSUFFICIENT_ACCESS_OR_READONLY',
    'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    'invalid_client',
    'invalid_client_id',
    'invalid_grant',
    'unsupported_grant_type',
  ]),
} as const;
