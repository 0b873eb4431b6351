import { InboundHint } from '@syncline/events';

/** A hint read from a webhook body, before it is matched to a two-way mapping's object. */
export interface WebhookHintCandidate {
  /** Names the sender may use for the object, best first (HubSpot: `tickets`, then `0-5`). */
  objects: string[];
  externalId: string;
  kind: InboundHint['kind'];
  occurredAt: number;
  /** The record's state (REST webhooks: the sender's properties at a modification time). */
  state?: InboundHint['state'];
}
