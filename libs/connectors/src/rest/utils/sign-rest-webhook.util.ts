import { REST_WEBHOOK_HEADERS } from '../constants/rest-webhook-headers.constant';
import { restWebhookDigest } from './rest-webhook-digest.util';

/**
 * The headers that sign a webhook POSTed to Syncline by a generic REST system:
 *
 *   X-Syncline-Timestamp: <send time, epoch milliseconds>
 *   X-Syncline-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 *
 * The body is signed byte for byte as sent. Syncline rejects a request whose timestamp is more
 * than 5 minutes (by default) from its own clock, either way, so a captured request cannot be
 * replayed later. Several `sha256=` values, comma-separated, are accepted (secret rotation).
 */
export function signRestWebhook(
  secret: string,
  timestamp: number,
  rawBody: string | Buffer,
): { 'X-Syncline-Timestamp': string; 'X-Syncline-Signature': string } {
  const time = String(Math.trunc(timestamp));
  return {
    [REST_WEBHOOK_HEADERS.timestamp]: time,
    [REST_WEBHOOK_HEADERS.signature]: `sha256=${restWebhookDigest(secret, time, rawBody)}`,
  };
}
