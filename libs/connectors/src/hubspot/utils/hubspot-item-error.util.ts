import type { DeliveryException } from '../../exceptions/delivery.exception';
import { classifyDeliveryError } from '../../utils/classify-delivery-error.util';
import { isListedCrmCode } from '../../utils/is-listed-crm-code.util';
import type { HubSpotStandardErrorLike } from '../types/hubspot-standard-error-like.type';

/**
 * An item error's class: by its `errors[].code` when that code is a listed one, else by the
 * documented `category` (RATE_LIMITS, VALIDATION_ERROR, ...), so that a code HubSpot adds later
 * is classified by what its category says (retriable or not) instead of as an unknown, permanent
 * code. The code stays in the message.
 */
export function hubSpotItemError(entry: HubSpotStandardErrorLike, what: string): DeliveryException {
  const detail = entry.errors?.find((e) => typeof e.code === 'string');
  const listed = detail?.code !== undefined && isListedCrmCode(detail.code);
  const crmCode = listed ? detail.code : (entry.category ?? detail?.code);
  const message = detail?.message ?? entry.message;
  return classifyDeliveryError(
    {
      crmCode,
      message: !listed && detail?.code ? `${detail.code}: ${message ?? ''}` : message,
    },
    what,
  );
}
