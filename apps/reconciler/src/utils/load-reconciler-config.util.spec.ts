import { ConfigValidationException } from '@syncline/config';
import { loadReconcilerConfig } from './load-reconciler-config.util';

describe(loadReconcilerConfig.name, () => {
  it('defaults: no Pushgateway, a 30 s grace period', () => {
    expect(loadReconcilerConfig({})).toEqual({ graceMs: 30_000, progressIntervalMs: 5000 });
  });

  it('reads the Pushgateway URL and the grace period', () => {
    expect(
      loadReconcilerConfig({
        SYNCLINE_PUSHGATEWAY_URL: 'http://pushgateway:9091',
        SYNCLINE_RECONCILE_GRACE_MS: '0',
      }),
    ).toMatchObject({ pushgatewayUrl: 'http://pushgateway:9091', graceMs: 0 });
  });

  it('names every bad variable', () => {
    let error: unknown;
    try {
      loadReconcilerConfig({
        SYNCLINE_PUSHGATEWAY_URL: 'pushgateway:9091',
        SYNCLINE_RECONCILE_GRACE_MS: '-1',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationException);
    expect(String((error as Error).message)).toMatch(/SYNCLINE_PUSHGATEWAY_URL/);
    expect(String((error as Error).message)).toMatch(/SYNCLINE_RECONCILE_GRACE_MS/);
  });
});
