import { Signature } from '@hubspot/api-client';
import type { CapturedWebhook } from '../testing/capture-hubspot-webhooks';
import { captureHubSpotWebhooks, WEBHOOK_SECRET } from '../testing/capture-hubspot-webhooks';
import { HubSpotConnector } from '../hubspot.connector';
import { verifyHubSpotWebhook } from './verify-hubspot-webhook.util';

describe(verifyHubSpotWebhook.name, () => {
  let hooks: Awaited<ReturnType<typeof captureHubSpotWebhooks>>;
  let delivery: CapturedWebhook;
  let timestamp: number;

  beforeAll(async () => {
    hooks = await captureHubSpotWebhooks();
    await hooks.subscribe([
      { eventType: 'contact.creation' },
      { eventType: 'contact.propertyChange', propertyName: 'firstname' },
    ]);
    const connector = new HubSpotConnector({ accessToken: 'token', basePath: hooks.sim.url });
    await connector.upsert('contacts', 'syncline_id', [
      { identity: 'ünï-1', properties: { firstname: 'Zoë — “quoted”' } },
    ]);
    await hooks.delivered();
    delivery = hooks.received[0];
    timestamp = Number(delivery.headers['x-hubspot-request-timestamp']);
  });
  afterAll(async () => {
    await hooks.close();
  });

  const verify = (overrides: Partial<Parameters<typeof verifyHubSpotWebhook>[0]> = {}) =>
    verifyHubSpotWebhook({
      method: delivery.method,
      url: hooks.targetUrl,
      rawBody: delivery.body,
      headers: delivery.headers,
      clientSecret: WEBHOOK_SECRET,
      now: timestamp + 1_000,
      ...overrides,
    });

  it('accepts every delivery the sim signed, body as string or bytes, non-ASCII included', () => {
    expect(hooks.received.length).toBeGreaterThan(0);
    expect(delivery.body).toContain('Zoë');
    for (const request of hooks.received) {
      const at = Number(request.headers['x-hubspot-request-timestamp']);
      const input = {
        method: request.method,
        url: hooks.targetUrl,
        headers: request.headers,
        clientSecret: WEBHOOK_SECRET,
        now: new Date(at + 299_000),
      };
      expect(verifyHubSpotWebhook({ ...input, rawBody: request.body })).toEqual({ ok: true });
      expect(verifyHubSpotWebhook({ ...input, rawBody: Buffer.from(request.body) })).toEqual({
        ok: true,
      });
    }
  });

  it('agrees with the official client on a signature it computes', () => {
    const body = '[{"eventId":1}]';
    const url = 'https://hooks.example.com/hubspot?tenant=acme:eu';
    const at = 1_750_000_000_000;
    const signature = Signature.getSignature('POST', 'v3', {
      signature: '',
      clientSecret: 'another',
      requestBody: body,
      url,
      timestamp: at,
    });
    const headers = {
      'X-HubSpot-Signature-v3': signature,
      'X-HubSpot-Request-Timestamp': String(at),
    };
    const input = { method: 'post', rawBody: body, headers, clientSecret: 'another', now: at };
    // HubSpot signs the URI with `:` unescaped: the escaped form verifies too.
    expect(verifyHubSpotWebhook({ ...input, url })).toEqual({ ok: true });
    expect(
      verifyHubSpotWebhook({ ...input, url: 'https://hooks.example.com/hubspot?tenant=acme%3Aeu' }),
    ).toEqual({ ok: true });
    expect(verifyHubSpotWebhook({ ...input, url: url.replace('acme', 'evil') }).ok).toBe(false);
  });

  it('rejects a tampered body, another secret, another URL or method', () => {
    const tampered = delivery.body.replace('"objectId":', '"objectId":1');
    expect(verify({ rawBody: tampered })).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(verify({ clientSecret: 'wrong-secret' })).toEqual({
      ok: false,
      reason: 'signature mismatch',
    });
    expect(verify({ url: hooks.targetUrl.replace('/hooks/', '/other/') }).ok).toBe(false);
    expect(verify({ method: 'PUT' }).ok).toBe(false);
    expect(verify({ clientSecret: '' })).toEqual({
      ok: false,
      reason: 'no client secret configured',
    });
  });

  it('rejects timestamps older or further ahead than maxAgeMs, and a re-signed old timestamp', () => {
    expect(verify({ now: timestamp + 300_001 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^stale timestamp/),
    });
    expect(verify({ now: timestamp - 300_001 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/in the future/),
    });
    expect(verify({ now: timestamp + 300_000 })).toEqual({ ok: true });
    expect(verify({ now: timestamp + 61_000, maxAgeMs: 60_000 }).ok).toBe(false);
    // Moving the timestamp header into the window breaks the signature.
    const moved = { ...delivery.headers, 'x-hubspot-request-timestamp': String(timestamp + 10) };
    expect(verify({ headers: moved })).toEqual({ ok: false, reason: 'signature mismatch' });
  });

  it('rejects requests without the v3 signature or timestamp header', () => {
    const { 'x-hubspot-signature-v3': _signature, ...unsigned } = delivery.headers;
    expect(verify({ headers: unsigned })).toEqual({
      ok: false,
      reason: 'missing X-HubSpot-Signature-v3 header',
    });
    const { 'x-hubspot-request-timestamp': _timestamp, ...untimed } = delivery.headers;
    expect(verify({ headers: untimed })).toEqual({
      ok: false,
      reason: 'missing X-HubSpot-Request-Timestamp header',
    });
    expect(
      verify({ headers: { ...delivery.headers, 'x-hubspot-request-timestamp': 'yesterday' } }),
    ).toEqual({ ok: false, reason: 'malformed X-HubSpot-Request-Timestamp header' });
  });
});
