/** The body of a 200 answer to a webhook: what became hints, what did not. */
export interface WebhookAcceptance {
  accepted: number;
  /** For objects no two-way mapping of the destination names. */
  dropped: number;
  /** Events that could not be read, one line each (the sender's bug, not a reason to retry). */
  problems: string[];
}
