import { DeliveryException } from '../../exceptions/delivery.exception';

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * An sObject or field name checked before it goes into SOQL (names come from configuration, but
 * a query is no place to find out one was malformed).
 */
export function soqlName(name: string): string {
  if (!NAME.test(name)) {
    throw new DeliveryException('permanent', `not a Salesforce API name: ${JSON.stringify(name)}`, {
      crmCode: 'INVALID_FIELD',
    });
  }
  return name;
}
