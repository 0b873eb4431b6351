import { DeliveryLogEntry, Destination } from '@syncline/control-plane';
import { RecordChangedNotice } from '@syncline/events';

/** A delivery-log row for one record's attempt (what it carried when accepted is added by callers). */
export function deliveryLogEntry(
  destination: Destination,
  notice: RecordChangedNotice,
  version: number,
  operation: 'upsert' | 'archive',
  status: DeliveryLogEntry['status'],
  attempts: number,
  errorClass: string | null = null,
  error: string | null = null,
): DeliveryLogEntry {
  return {
    destinationId: destination.id,
    tenant: notice.tenant,
    entity: notice.entity,
    recordId: notice.id,
    version,
    operation,
    status,
    attempts,
    errorClass,
    error,
  };
}
