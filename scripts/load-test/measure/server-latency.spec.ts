import { serverLatencyBetween } from './server-latency';

describe(serverLatencyBetween.name, () => {
  it('counts only the requests between the snapshots and names the bucket of each quantile', () => {
    const before = [
      { le: 0.001, count: 100 },
      { le: 0.005, count: 100 },
      { le: 0.025, count: 100 },
      { le: Infinity, count: 100 },
    ];
    const after = [
      { le: 0.001, count: 700 },
      { le: 0.005, count: 1090 },
      { le: 0.025, count: 1099 },
      { le: Infinity, count: 1100 },
    ];
    expect(serverLatencyBetween(before, after)).toEqual({
      requests: 1000,
      p50UpToMs: 1,
      p99UpToMs: 5,
      p999UpToMs: 25,
    });
  });

  it('says null where the quantile lies above every finite bound, or nothing was measured', () => {
    const after = [
      { le: 0.001, count: 1 },
      { le: Infinity, count: 10 },
    ];
    expect(serverLatencyBetween([], after)).toMatchObject({ p50UpToMs: null, p99UpToMs: null });
    expect(serverLatencyBetween(after, after)).toEqual({
      requests: 0,
      p50UpToMs: null,
      p99UpToMs: null,
      p999UpToMs: null,
    });
  });
});
