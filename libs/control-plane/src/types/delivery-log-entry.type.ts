/** One record's latest delivery to one destination. */
export interface DeliveryLogEntry {
  destinationId: string;
  tenant: string;
  entity: string;
  recordId: string;
  version: number;
  operation: 'upsert' | 'archive';
  status: 'delivered' | 'skipped' | 'failed' | 'dead_lettered';
  attempts: number;
  errorClass?: string | null;
  error?: string | null;
  /** Set when the destination accepted a payload (upsert) or the archive. */
  payloadHash?: string | null;
  deliveredVersion?: number | null;
  /** The identity value at the destination (for a later archive). */
  identity?: string | null;
  externalId?: string | null;
  updatedAt?: string;
}
