import { createHmac } from 'node:crypto';

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`: the value of the signature header. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
