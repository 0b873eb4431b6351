import { createHmac } from 'node:crypto';
import { signWebhook } from './sign-webhook.util';
import { verifyWebhookSignature } from './verify-webhook-signature.util';

describe(verifyWebhookSignature.name, () => {
  const secret = 'whsec-0123456789abcdef';
  const body = '{"type":"syncline.notification.digest"}';
  const now = 1_780_000_000_000;
  const timestamp = now / 1000;

  it('signs HMAC-SHA256 over "<timestamp>.<body>" in hex, as the docs tell receivers', () => {
    const hex = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    expect(signWebhook(secret, timestamp, body)).toBe(`v1=${hex}`);
  });

  it('accepts the signature it made, and nothing altered', () => {
    const signature = signWebhook(secret, timestamp, body);
    const headers = { signature, timestamp: String(timestamp) };
    expect(verifyWebhookSignature(secret, headers, body, { nowMs: now })).toBe(true);
    expect(verifyWebhookSignature(secret, headers, `${body} `, { nowMs: now })).toBe(false);
    expect(verifyWebhookSignature('another-secret', headers, body, { nowMs: now })).toBe(false);
    expect(
      verifyWebhookSignature(secret, { ...headers, timestamp: String(timestamp + 1) }, body, {
        nowMs: now,
      }),
    ).toBe(false);
    expect(verifyWebhookSignature(secret, { timestamp: String(timestamp) }, body)).toBe(false);
  });

  it('refuses a timestamp outside the tolerance (a replayed request)', () => {
    const old = timestamp - 301;
    const headers = { signature: signWebhook(secret, old, body), timestamp: String(old) };
    expect(verifyWebhookSignature(secret, headers, body, { nowMs: now })).toBe(false);
    expect(verifyWebhookSignature(secret, headers, body, { nowMs: now, toleranceS: 400 })).toBe(
      true,
    );
  });
});
