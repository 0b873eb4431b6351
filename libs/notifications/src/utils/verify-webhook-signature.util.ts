import { timingSafeEqual } from 'node:crypto';
import { signWebhook } from './sign-webhook.util';

/**
 * What a receiver does (docs/notifications.md): recompute the signature over the timestamp header
 * and the raw body, compare in constant time, and refuse timestamps further than `toleranceS`
 * from now (a replayed old request).
 */
export function verifyWebhookSignature(
  secret: string,
  headers: { signature?: string; timestamp?: string },
  rawBody: string,
  { toleranceS = 300, nowMs = Date.now() }: { toleranceS?: number; nowMs?: number } = {},
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isSafeInteger(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - timestamp) > toleranceS) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
