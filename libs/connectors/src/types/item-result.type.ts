import { DeliveryException } from '../exceptions/delivery.exception';

/** The outcome for one record of a batch call: CRMs accept or reject items one by one. */
export type ItemResult =
  | { identity: string; ok: true; externalId?: string }
  | { identity: string; ok: false; error: DeliveryException };
