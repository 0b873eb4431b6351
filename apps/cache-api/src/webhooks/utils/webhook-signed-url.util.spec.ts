import { webhookSignedUrl } from './webhook-signed-url.util';

describe(webhookSignedUrl.name, () => {
  const request = {
    url: '/v1/webhooks/hubspot/6a1d3c52?portal=62515',
    headers: { host: 'cache-api.syncline.svc:3000' },
    protocol: 'http' as const,
  };

  it('prefers the public URL (the one the CRM called and signed), keeping path and query', () => {
    expect(webhookSignedUrl(request, 'https://sync.example.com')).toBe(
      'https://sync.example.com/v1/webhooks/hubspot/6a1d3c52?portal=62515',
    );
    expect(webhookSignedUrl(request, 'https://example.com/syncline')).toBe(
      'https://example.com/syncline/v1/webhooks/hubspot/6a1d3c52?portal=62515',
    );
  });

  it('falls back to the Host header and the forwarded scheme', () => {
    expect(webhookSignedUrl(request, '')).toBe(
      'http://cache-api.syncline.svc:3000/v1/webhooks/hubspot/6a1d3c52?portal=62515',
    );
    const proxied = {
      ...request,
      headers: { ...request.headers, 'x-forwarded-proto': 'https, http' },
    };
    expect(webhookSignedUrl(proxied, '')).toBe(
      'https://cache-api.syncline.svc:3000/v1/webhooks/hubspot/6a1d3c52?portal=62515',
    );
  });
});
