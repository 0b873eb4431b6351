/** A hinted CRM record waiting for another read (its CRM could not be read when the hint came). */
export interface InboundHintRetry {
  destinationId: string;
  object: string;
  externalId: string;
  /** The newest hint's time, epoch ms. */
  occurredAt: number;
  /** When it was last deferred: a removal after the retry spares a newer deferral. */
  deferredAt: string;
}
