/**
 * Headers of a webhook notification. The signature is `v1=<hex HMAC-SHA256(secret,
 * "<timestamp>.<raw body>")>`; the timestamp (Unix seconds) is signed too, so a receiver can
 * refuse replays older than a few minutes.
 */
export const SIGNATURE_HEADERS = {
  signature: 'syncline-signature',
  timestamp: 'syncline-timestamp',
  notificationId: 'syncline-notification-id',
} as const;
