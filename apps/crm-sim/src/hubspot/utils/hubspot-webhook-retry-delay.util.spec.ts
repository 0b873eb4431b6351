import { hubSpotWebhookRetryDelay } from './hubspot-webhook-retry-delay.util';

describe(hubSpotWebhookRetryDelay.name, () => {
  const middle = () => 0.5; // no jitter

  it('starts at 2 minutes and doubles, each wait capped at 6 hours', () => {
    const delays = Array.from({ length: 10 }, (_, i) => hubSpotWebhookRetryDelay(i + 1, 1, middle));
    expect(delays.slice(0, 4)).toEqual([120_000, 240_000, 480_000, 960_000]);
    expect(delays[9]).toBe(6 * 3_600_000);
    // Ten retries span about a day, as HubSpot spreads them.
    const hours = delays.reduce((a, b) => a + b, 0) / 3_600_000;
    expect(hours).toBeGreaterThan(18);
    expect(hours).toBeLessThan(24);
  });

  it('randomises each wait by up to 20% and scales it for tests', () => {
    expect(hubSpotWebhookRetryDelay(1, 1, () => 0)).toBe(96_000);
    expect(hubSpotWebhookRetryDelay(1, 1, () => 1)).toBe(144_000);
    expect(hubSpotWebhookRetryDelay(1, 0.001, middle)).toBe(120);
  });
});
