import { LatencyHistogram } from './latency-histogram';

describe(LatencyHistogram.name, () => {
  it('summarises percentiles in milliseconds', () => {
    const histogram = new LatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) histogram.recordMs(ms);
    const summary = histogram.summary();
    expect(summary.count).toBe(1000);
    expect(summary.min).toBe(1);
    expect(summary.p50).toBe(500);
    expect(summary.p90).toBe(900);
    expect(summary.p99).toBe(990);
    expect(summary.p999).toBe(999);
    expect(summary.max).toBe(1000);
    expect(summary.mean).toBeCloseTo(500.5, 0);
  });

  it('keeps sub-millisecond resolution when recording in microseconds', () => {
    const histogram = new LatencyHistogram(1000);
    histogram.recordMs(0.25);
    histogram.recordMs(0.75);
    histogram.recordMs(12.5);
    const summary = histogram.summary();
    expect(summary.min).toBe(0.25);
    expect(summary.p50).toBe(0.75);
    expect(summary.max).toBeCloseTo(12.5, 1);
  });

  it('is all zeros when empty and counts negative latencies as 0', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.summary()).toEqual({
      count: 0,
      min: 0,
      mean: 0,
      p50: 0,
      p90: 0,
      p99: 0,
      p999: 0,
      max: 0,
    });
    histogram.recordMs(-3);
    expect(histogram.summary()).toMatchObject({ count: 1, max: 0 });
    histogram.reset();
    expect(histogram.count).toBe(0);
  });
});
