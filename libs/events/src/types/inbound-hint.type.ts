/**
 * "CRM record X of destination D changed (or was deleted): read it again." A hint from a CRM the
 * delivery-worker can read back carries no data: it reads the record as the CRM holds it now, so
 * duplicated, reordered or replayed hints are harmless. A generic REST destination cannot be read
 * back, so its webhook sends the record's state (`state`), stamped with its modification time:
 * an older state than the one last applied is ignored.
 */
export interface InboundHint {
  destinationId: string;
  /** The destination object, as the mapping names it (`tickets`, `2-1234567`, `shipments`). */
  object: string;
  externalId: string;
  kind: 'change' | 'deletion';
  /** When the CRM says it happened (ms since epoch); a deletion's time when nothing better is known. */
  occurredAt: number;
  /** Who noticed: a webhook, polling, or `reconcile crm` handing a CRM edit to the inbound side. */
  source: 'webhook' | 'poll' | 'reconcile';
  /** When Syncline received it (ms since epoch), for inbound latency. */
  receivedAt: number;
  /** The record's properties as the sender holds them at `modifiedAt` (REST webhooks only). */
  state?: { properties: Record<string, unknown>; modifiedAt: string };
}
