import { DeliveryLogEntry } from '@syncline/control-plane';

/** The payload hash the delivery log keeps for an accepted archive. */
export const ARCHIVED_PAYLOAD = 'archived';

/**
 * Whether the destination holds this record, from what it last ACCEPTED (the log keeps the
 * accepted payload hash and version through later failures), not from the last attempt's status:
 * - true: its last accepted operation was an upsert (a later failed update or archive does not
 *   take it out of the CRM);
 * - false: its last accepted operation was an archive and nothing was attempted since;
 * - undefined (unknown): no log row, or attempts that never were accepted. A timed-out attempt
 *   may still have landed, and a worker may have died between the call and the log write, so a
 *   delete still archives (archiving an identity the CRM lacks succeeds).
 */
export function destinationHoldsRecord(last: DeliveryLogEntry | undefined): boolean | undefined {
  if (!last || last.deliveredVersion === null || last.deliveredVersion === undefined)
    return undefined;
  if (last.payloadHash !== ARCHIVED_PAYLOAD) return true;
  return last.status === 'delivered' && last.operation === 'archive' ? false : undefined;
}
