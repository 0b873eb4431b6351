export { DeliveryException } from './exceptions/delivery.exception';
export type { DeliveryErrorClass } from './exceptions/delivery.exception';
export type { CrmConnector } from './types/crm-connector.type';
export type { DestinationKind } from './types/destination-kind.type';
export type { ItemResult } from './types/item-result.type';
export type { PropertyDefinition } from './types/property-definition.type';
export type { RateLimitObservation } from './types/rate-limit-observation.type';
export type { RemoteRecord } from './types/remote-record.type';
