import { DeliveryException, isCredentialsRejection } from '@syncline/connectors';
import { Destination } from '@syncline/control-plane';
import { DIGEST_LIMITS, NotificationEvent } from '@syncline/notifications';
import { DeliveryDeadLetter } from '../types/delivery-dead-letter.type';

/**
 * A batch's dead letters as notification events, one per kind and reason: those the CRM refused
 * because of our credentials are `credentials_rejected`, the others `dead_letter`. Each names the
 * reason as the dead-letter header does (the CRM code, else the error code) and keeps a few samples.
 */
export function deadLetterEvents(
  destination: Destination,
  letters: readonly DeliveryDeadLetter[],
  hint: string,
): NotificationEvent[] {
  const groups = new Map<string, NotificationEvent>();
  for (const { notice, error } of letters) {
    const kind =
      error instanceof DeliveryException && isCredentialsRejection(error)
        ? 'credentials_rejected'
        : 'dead_letter';
    const reason =
      error instanceof DeliveryException
        ? (error.details.crmCode ?? String(error.details.status ?? error.code))
        : error.code;
    const key = `${kind}\u0000${reason}`;
    let event = groups.get(key);
    if (!event) {
      event = {
        tenant: destination.tenant,
        kind,
        destinationId: destination.id,
        destinationName: destination.name,
        reason,
        count: 0,
        samples: [],
        hint,
      };
      groups.set(key, event);
    }
    event.count += 1;
    if (event.samples.length < DIGEST_LIMITS.samplesPerGroup)
      event.samples.push({
        entity: notice.entity,
        recordId: notice.id,
        version: notice.version,
        message: error.message.slice(0, 500),
      });
  }
  return [...groups.values()];
}
