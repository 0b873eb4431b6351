import { DeliveryException } from '../exceptions/delivery.exception';
import { classifyDeliveryError } from './classify-delivery-error.util';
import { isCredentialsRejection } from './is-credentials-rejection.util';

describe(isCredentialsRejection.name, () => {
  const classified = (facts: Parameters<typeof classifyDeliveryError>[0]) =>
    isCredentialsRejection(classifyDeliveryError(facts, 'upsert'));

  it.each([
    ['a 401 after re-authorization', { status: 401, authRetried: true }],
    ['a 403 (HubSpot MISSING_SCOPES)', { status: 403, crmCode: 'MISSING_SCOPES' }],
    ['a refused OAuth grant', { status: 400, crmCode: 'invalid_grant' }],
  ])('is true for %s', (_what, facts) => {
    expect(classified(facts)).toBe(true);
  });

  it.each([
    ['a first 401 (re-authorize and retry)', { status: 401 }],
    ['a Salesforce 403 limit', { status: 403, crmCode: 'REQUEST_LIMIT_EXCEEDED' }],
    ['a validation error', { status: 400, crmCode: 'VALIDATION_ERROR' }],
    ['an outage', { status: 503 }],
  ])('is false for %s', (_what, facts) => {
    expect(classified(facts)).toBe(false);
  });

  it('reads the CRM code when there is no status', () => {
    expect(
      isCredentialsRejection(
        new DeliveryException('permanent', 'x', { crmCode: 'INVALID_AUTHENTICATION' }),
      ),
    ).toBe(true);
  });
});
