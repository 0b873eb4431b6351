import { DeliveryException } from '../../exceptions/delivery.exception';
import { matchHubSpotBatchResults } from './match-hubspot-batch-results.util';

/** A 207 `errors[]` entry as HubSpot's public spec defines StandardError. */
function standardError(category: string, code: string | undefined, trace: string) {
  return {
    status: 'error',
    category,
    message: `${category} for input ${trace}`,
    context: { objectWriteTraceId: [trace] },
    errors: code === undefined ? [] : [{ code, message: `${code} detail`, in: 'email' }],
    links: {},
  };
}

function classOf(category: string, code: string | undefined): string | undefined {
  const [outcome] = matchHubSpotBatchResults(
    ['a@example.com'],
    'email',
    { results: [], errors: [standardError(category, code, '0')] },
    'HubSpot batch upsert contacts',
  );
  if (outcome.ok) return undefined;
  expect(outcome.error).toBeInstanceOf(DeliveryException);
  return outcome.error.errorClass;
}

describe(matchHubSpotBatchResults.name, () => {
  it('classifies an item by its category when its errors[].code is one nobody listed', () => {
    expect(classOf('RATE_LIMITS', 'SOME_NEW_LIMIT_CODE')).toBe('rate_limited');
    expect(classOf('INTERNAL_ERROR', 'SOME_NEW_BACKEND_CODE')).toBe('transient');
    expect(classOf('VALIDATION_ERROR', 'SOME_NEW_VALIDATION_CODE')).toBe('permanent');
  });

  it('classifies by a known errors[].code, and by the category when there is no code', () => {
    expect(classOf('VALIDATION_ERROR', 'INVALID_EMAIL')).toBe('permanent');
    expect(classOf('CONFLICT', undefined)).toBe('permanent');
    expect(classOf('RATE_LIMITS', undefined)).toBe('rate_limited');
  });

  it('keeps the unlisted code in the message for the operator', () => {
    const [outcome] = matchHubSpotBatchResults(
      ['a@example.com'],
      'email',
      { errors: [standardError('RATE_LIMITS', 'SOME_NEW_LIMIT_CODE', '0')] },
      'HubSpot batch upsert contacts',
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.error.message).toContain('SOME_NEW_LIMIT_CODE');
  });
});
