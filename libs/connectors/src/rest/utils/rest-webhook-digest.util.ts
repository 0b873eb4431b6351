import { createHmac } from 'node:crypto';

/** Hex HMAC-SHA256 of `<timestamp>.<raw body bytes>` under `secret`. */
export function restWebhookDigest(
  secret: string,
  timestamp: string,
  rawBody: string | Buffer,
): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}.`, 'utf8')
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest('hex');
}
