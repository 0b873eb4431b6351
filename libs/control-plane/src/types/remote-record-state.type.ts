import type { MappedValue } from '@syncline/mapping';

/** Which record of which tenant's collection. */
export interface RecordRef {
  tenant: string;
  entity: string;
  recordId: string;
}

/**
 * What one destination holds of one record as far as Syncline knows (two-way mappings only):
 * the values last sent merged with the values last read from it, in mapped form, so that a value
 * equal to `known` is no news in either direction (no echo out, no echo in).
 */
export interface RemoteRecordState extends RecordRef {
  destinationId: string;
  externalId: string | null;
  known: Record<string, MappedValue>;
  /** The destination's last-modified time of the state `known` reflects, when read from it. */
  remoteModifiedAt: string | null;
  /**
   * Column values of an inbound change being written to the source. While set, deliveries of the
   * record to this destination wait: the row does not hold the change yet.
   */
  pending: Record<string, unknown> | null;
  /**
   * When the destination deleted it (read back by two-way sync). Deliveries then leave it alone:
   * a CRM deletion is never undone by re-creating the record there.
   */
  remoteDeletedAt?: string | null;
  /** How long `pending` has been set (read from the database's clock); absent when writing. */
  pendingForMs?: number | null;
}
