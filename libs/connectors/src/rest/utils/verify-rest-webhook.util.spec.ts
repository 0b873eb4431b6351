import { createHmac } from 'node:crypto';
import { signRestWebhook } from './sign-rest-webhook.util';
import { verifyRestWebhook } from './verify-rest-webhook.util';

const SECRET = 'rest-shared-secret';
const NOW = 1_750_000_000_000;
// A shipments change as a REST system would send it: composite key, number, date, enum, bool.
const BODY = JSON.stringify({
  object: 'shipments',
  key: { carrier: 'ACME', number: 42 },
  weight_kg: 12.5,
  shipped_on: '2026-03-01',
  status: 'in_transit',
  fragile: true,
  note: 'Zoë’s parcel',
});

describe(verifyRestWebhook.name, () => {
  const signed = signRestWebhook(SECRET, NOW, BODY);
  const verify = (overrides: Partial<Parameters<typeof verifyRestWebhook>[0]> = {}) =>
    verifyRestWebhook({
      headers: signed,
      rawBody: BODY,
      secret: SECRET,
      now: NOW + 2_000,
      ...overrides,
    });

  it('signs as documented: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">', () => {
    const hex = createHmac('sha256', SECRET).update(`${NOW}.${BODY}`).digest('hex');
    expect(signed).toEqual({
      'X-Syncline-Timestamp': String(NOW),
      'X-Syncline-Signature': `sha256=${hex}`,
    });
  });

  it('round-trips: a signed body verifies, as text or bytes, with headers in any letter case', () => {
    expect(verify()).toEqual({ ok: true });
    expect(verify({ rawBody: Buffer.from(BODY, 'utf8'), now: new Date(NOW) })).toEqual({
      ok: true,
    });
    const lower = Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toLowerCase(), v]));
    expect(verify({ headers: lower })).toEqual({ ok: true });
  });

  it('rejects a tampered body, a wrong secret, and a signature moved to another timestamp', () => {
    expect(verify({ rawBody: BODY.replace('12.5', '125') })).toEqual({
      ok: false,
      reason: 'signature mismatch',
    });
    expect(verify({ secret: 'other-secret' })).toEqual({ ok: false, reason: 'signature mismatch' });
    const moved = { ...signed, 'X-Syncline-Timestamp': String(NOW + 1) };
    expect(verify({ headers: moved })).toEqual({ ok: false, reason: 'signature mismatch' });
    const truncated = {
      ...signed,
      'X-Syncline-Signature': signed['X-Syncline-Signature'].slice(0, -2),
    };
    expect(verify({ headers: truncated })).toEqual({ ok: false, reason: 'signature mismatch' });
  });

  it('rejects stale and future timestamps beyond maxAgeMs', () => {
    expect(verify({ now: NOW + 300_001 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^stale timestamp/),
    });
    expect(verify({ now: NOW - 300_001 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/in the future/),
    });
    expect(verify({ now: NOW + 300_000 })).toEqual({ ok: true });
    expect(verify({ now: NOW + 30_001, maxAgeMs: 30_000 }).ok).toBe(false);
  });

  it('rejects missing or malformed headers and an empty secret', () => {
    expect(verify({ headers: { 'X-Syncline-Timestamp': String(NOW) } })).toEqual({
      ok: false,
      reason: 'missing X-Syncline-Signature header',
    });
    expect(verify({ headers: { 'X-Syncline-Signature': signed['X-Syncline-Signature'] } })).toEqual(
      {
        ok: false,
        reason: 'missing X-Syncline-Timestamp header',
      },
    );
    const bare = { ...signed, 'X-Syncline-Signature': signed['X-Syncline-Signature'].slice(7) };
    expect(verify({ headers: bare })).toEqual({ ok: false, reason: 'no sha256= signature' });
    expect(verify({ secret: '' })).toEqual({ ok: false, reason: 'no secret configured' });
  });

  it('accepts any of several secrets or signatures while a secret is rotated', () => {
    const byNew = signRestWebhook('new-secret', NOW, BODY);
    expect(verify({ headers: byNew, secret: [SECRET, 'new-secret'] })).toEqual({ ok: true });
    const both = {
      ...byNew,
      'X-Syncline-Signature': `${signed['X-Syncline-Signature']}, ${byNew['X-Syncline-Signature']}`,
    };
    expect(verify({ headers: both, secret: 'new-secret' })).toEqual({ ok: true });
    expect(verify({ headers: byNew, secret: [SECRET] }).ok).toBe(false);
  });
});
