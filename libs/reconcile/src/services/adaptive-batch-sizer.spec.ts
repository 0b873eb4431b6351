import { ReconcileScopeException } from '../exceptions/reconcile-scope.exception';
import { AdaptiveBatchSizer } from './adaptive-batch-sizer';

describe(AdaptiveBatchSizer.name, () => {
  const bounds = { initial: 100, min: 10, max: 1000 };

  it('starts at the initial size, clamped into [min, max]', () => {
    expect(new AdaptiveBatchSizer(bounds).size).toBe(100);
    expect(new AdaptiveBatchSizer({ ...bounds, initial: 5 }).size).toBe(10);
    expect(new AdaptiveBatchSizer({ ...bounds, initial: 5000 }).size).toBe(1000);
  });

  it('grows by half on each success, up to max', () => {
    const sizer = new AdaptiveBatchSizer(bounds);
    const sizes = [];
    for (let i = 0; i < 7; i++) {
      sizer.succeeded();
      sizes.push(sizer.size);
    }
    expect(sizes).toEqual([150, 225, 338, 507, 761, 1000, 1000]);
  });

  it('halves on a failure and on throttling, down to min', () => {
    const sizer = new AdaptiveBatchSizer(bounds);
    sizer.failed();
    expect(sizer.size).toBe(50);
    sizer.throttled();
    expect(sizer.size).toBe(25);
    sizer.failed();
    sizer.failed();
    expect(sizer.size).toBe(10);
    expect(sizer.atMinimum).toBe(true);
    sizer.failed();
    expect(sizer.size).toBe(10);
  });

  it('recovers after failures: grows again, by at least one', () => {
    const sizer = new AdaptiveBatchSizer({ initial: 1, min: 1, max: 10 });
    sizer.succeeded();
    expect(sizer.size).toBe(2);
    sizer.succeeded();
    expect(sizer.size).toBe(3);
  });

  it('shrinks gently after a success slower than the target latency, instead of growing', () => {
    const sizer = new AdaptiveBatchSizer({ ...bounds, targetLatencyMs: 1000 });
    sizer.succeeded(999);
    expect(sizer.size).toBe(150);
    sizer.succeeded(2500);
    expect(sizer.size).toBe(120);
  });

  it('honours custom factors', () => {
    const sizer = new AdaptiveBatchSizer({ ...bounds, growFactor: 2, shrinkFactor: 0.25 });
    sizer.succeeded();
    expect(sizer.size).toBe(200);
    sizer.failed();
    expect(sizer.size).toBe(50);
  });

  it('refuses bounds that make no sense', () => {
    expect(() => new AdaptiveBatchSizer({ initial: 1, min: 0, max: 10 })).toThrow(
      ReconcileScopeException,
    );
    expect(() => new AdaptiveBatchSizer({ initial: 1, min: 10, max: 5 })).toThrow(
      ReconcileScopeException,
    );
  });
});
