/**
 * "CRM record X of destination D changed (or was deleted): read it again." A hint carries no data:
 * the delivery-worker reads the record as the CRM holds it now, so duplicated, reordered or
 * replayed hints are harmless.
 */
export interface InboundHint {
  destinationId: string;
  /** The destination object, as the mapping names it (`contacts`, `2-1234567`, `shipments`). */
  object: string;
  externalId: string;
  kind: 'change' | 'deletion';
  /** When the CRM says it happened (ms since epoch); a deletion's time when nothing better is known. */
  occurredAt: number;
  source: 'webhook' | 'poll';
  /** When Syncline received it (ms since epoch), for inbound latency. */
  receivedAt: number;
}
