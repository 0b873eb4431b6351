import { Destination } from '@syncline/control-plane';

/** A destination that takes inbound webhooks: it has a webhook secret and two-way mappings. */
export interface WebhookTarget {
  destination: Destination;
  secret: string;
  /** The destination objects its two-way mappings name (`tickets`, `2-1234567`, `shipments`). */
  objects: ReadonlySet<string>;
}
