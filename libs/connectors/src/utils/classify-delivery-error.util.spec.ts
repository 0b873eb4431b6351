import type { DeliveryErrorFacts } from '../types/delivery-error-facts.type';
import { classifyDeliveryError } from './classify-delivery-error.util';

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe(classifyDeliveryError.name, () => {
  const table: [string, DeliveryErrorFacts, string, Record<string, unknown>][] = [
    // rate limits
    [
      'HubSpot 429 TEN_SECONDLY_ROLLING',
      { status: 429, crmCode: 'RATE_LIMITS', policyName: 'TEN_SECONDLY_ROLLING', retryAfter: '2' },
      'rate_limited',
      { policy: 'interval', retryAfterMs: 2000, status: 429 },
    ],
    [
      'HubSpot 429 SECONDLY (search)',
      { status: 429, policyName: 'SECONDLY', retryAfter: '1' },
      'rate_limited',
      { policy: 'interval', retryAfterMs: 1000 },
    ],
    [
      'HubSpot 429 DAILY',
      { status: 429, policyName: 'DAILY', retryAfter: '3600' },
      'rate_limited',
      { policy: 'daily', retryAfterMs: 3_600_000 },
    ],
    [
      '429 with an HTTP-date Retry-After',
      { status: 429, retryAfter: 'Wed, 01 Jan 2025 00:00:30 GMT' },
      'rate_limited',
      { policy: 'interval', retryAfterMs: 30_000 },
    ],
    [
      '429 with a Retry-After date in the past',
      { status: 429, retryAfter: 'Tue, 31 Dec 2024 23:00:00 GMT' },
      'rate_limited',
      { retryAfterMs: 0 },
    ],
    ['429 without Retry-After', { status: 429 }, 'rate_limited', { policy: 'interval' }],
    [
      'Salesforce REQUEST_LIMIT_EXCEEDED TotalRequests',
      { status: 403, crmCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' },
      'rate_limited',
      { policy: 'daily', status: 403 },
    ],
    [
      'Salesforce REQUEST_LIMIT_EXCEEDED concurrency',
      {
        status: 403,
        crmCode: 'REQUEST_LIMIT_EXCEEDED',
        message: 'ConcurrentPerOrgLongTxn Limit exceeded.',
      },
      'rate_limited',
      { policy: 'interval' },
    ],
    // transient
    ['500', { status: 500 }, 'transient', { status: 500 }],
    ['502', { status: 502 }, 'transient', {}],
    ['503 SERVICE_UNAVAILABLE', { status: 503, crmCode: 'SERVICE_UNAVAILABLE' }, 'transient', {}],
    ['408', { status: 408 }, 'transient', {}],
    ['network error', { network: true, message: 'ECONNRESET' }, 'transient', {}],
    ['timeout', { timeout: true }, 'transient', {}],
    ['UNABLE_TO_LOCK_ROW', { crmCode: 'UNABLE_TO_LOCK_ROW' }, 'transient', {}],
    ['SERVER_UNAVAILABLE', { status: 503, crmCode: 'SERVER_UNAVAILABLE' }, 'transient', {}],
    ['UNKNOWN_EXCEPTION', { status: 500, crmCode: 'UNKNOWN_EXCEPTION' }, 'transient', {}],
    // auth
    ['401 first time', { status: 401 }, 'transient', { status: 401 }],
    ['401 after re-auth', { status: 401, authRetried: true }, 'permanent', {}],
    ['INVALID_SESSION_ID first time', { crmCode: 'INVALID_SESSION_ID' }, 'transient', {}],
    [
      'INVALID_SESSION_ID after re-auth',
      { status: 401, crmCode: 'INVALID_SESSION_ID', authRetried: true },
      'permanent',
      {},
    ],
    // permanent
    ['400', { status: 400 }, 'permanent', { status: 400 }],
    ['404', { status: 404 }, 'permanent', {}],
    ['403 MISSING_SCOPES', { status: 403, crmCode: 'MISSING_SCOPES' }, 'permanent', {}],
    [
      'DUPLICATE_VALUE',
      { crmCode: 'DUPLICATE_VALUE' },
      'permanent',
      { crmCode: 'DUPLICATE_VALUE' },
    ],
    ['INVALID_FIELD', { status: 400, crmCode: 'INVALID_FIELD' }, 'permanent', {}],
    ['STRING_TOO_LONG', { crmCode: 'STRING_TOO_LONG' }, 'permanent', {}],
    ['REQUIRED_FIELD_MISSING', { crmCode: 'REQUIRED_FIELD_MISSING' }, 'permanent', {}],
    ['HubSpot VALIDATION_ERROR', { crmCode: 'VALIDATION_ERROR' }, 'permanent', {}],
    ['HubSpot PROPERTY_DOESNT_EXIST', { crmCode: 'PROPERTY_DOESNT_EXIST' }, 'permanent', {}],
    ['OAuth invalid_client', { status: 400, crmCode: 'invalid_client' }, 'permanent', {}],
    ['unknown code, no status', { crmCode: 'SOMETHING_NEW' }, 'permanent', {}],
    ['nothing known', {}, 'permanent', {}],
  ];

  it.each(table)('%s', (_name, facts, errorClass, details) => {
    const error = classifyDeliveryError(facts, 'test call', { now: NOW });
    expect(error.errorClass).toBe(errorClass);
    expect(error.retriable).toBe(errorClass !== 'permanent');
    expect(error.details).toMatchObject(details);
    if (errorClass !== 'rate_limited') expect(error.details.policy).toBeUndefined();
  });

  it('names the call, the status, the code and the message, and keeps the cause', () => {
    const cause = new Error('boom');
    const error = classifyDeliveryError(
      { status: 400, crmCode: 'INVALID_FIELD', message: "No such column 'X'" },
      'Salesforce upsert Contact',
      { cause },
    );
    expect(error.message).toBe(
      "Salesforce upsert Contact failed (rejected): 400 INVALID_FIELD No such column 'X'",
    );
    expect(error.cause).toBe(cause);
    expect(error.code).toBe('DELIVERY_FAILED');
  });
});
