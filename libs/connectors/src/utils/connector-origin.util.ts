import { DeliveryException } from '../exceptions/delivery.exception';
import type { ConnectorCallOptions } from '../types/connector-call-options.type';
import type { ConnectorOrigin } from '../types/connector-origin.type';

/** The marker a connector writes, from its options; a property without a value is a setup error. */
export function connectorOrigin(options: ConnectorCallOptions): ConnectorOrigin | undefined {
  const property = options.originProperty?.trim();
  if (!property) return undefined;
  const value = options.originValue?.trim();
  if (!value) {
    throw new DeliveryException(
      'permanent',
      `originProperty ${property} is set but there is no originValue (the destination id)`,
    );
  }
  return { property, value };
}
