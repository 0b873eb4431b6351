/** The headers of Syncline's generic REST inbound webhook signature (see `signRestWebhook`). */
export const REST_WEBHOOK_HEADERS = Object.freeze({
  timestamp: 'X-Syncline-Timestamp',
  signature: 'X-Syncline-Signature',
} as const);
