import type { WebhookHeaders } from '../../types/webhook-headers.type';

export interface RestWebhookVerifyInput {
  headers: WebhookHeaders;
  /** The body exactly as received, before any JSON parsing. */
  rawBody: string | Buffer;
  /** The shared secret; several while rotating (any one may have signed). */
  secret: string | readonly string[];
  now: number | Date;
  /** Default 5 minutes. */
  maxAgeMs?: number;
}
