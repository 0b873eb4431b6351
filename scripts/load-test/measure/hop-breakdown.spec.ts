import { HopBreakdown } from './hop-breakdown';

describe(HopBreakdown.name, () => {
  it('summarises each hop over the whole phase and per window, by when the hop ended', () => {
    const breakdown = new HopBreakdown(10_000, 5000);
    for (let i = 0; i < 100; i++) {
      breakdown.record({ hop: 'emit -> Kafka append', ms: 2, endAt: 10_000 + i * 10 });
      // The worker stalls 15-20 s after the origin; Kafka does not.
      breakdown.record({ hop: 'append -> worker received', ms: 3, endAt: 10_000 + i * 10 });
      breakdown.record({ hop: 'append -> worker received', ms: 800, endAt: 25_500 + i });
    }
    const result = breakdown.result();
    expect(result.windowMs).toBe(5000);
    expect(result.hops.map((h) => h.hop)).toEqual([
      'emit -> Kafka append',
      'append -> worker received',
    ]);
    const worker = result.hops[1];
    expect(worker.latency).toMatchObject({ count: 200, p50: 3, max: 800 });
    expect(worker.windows).toEqual([
      { t: 0, count: 100, p50: 3, p99: 3, max: 3 },
      { t: 15, count: 100, p50: 800, p99: 800, max: 800 },
    ]);
    expect(result.hops[0].windows).toEqual([{ t: 0, count: 100, p50: 2, p99: 2, max: 2 }]);
  });

  it('puts a hop that ended just before the origin in the first window, and lists hops in pipeline order', () => {
    const breakdown = new HopBreakdown(10_000, 5000);
    breakdown.record({ hop: 'sent -> CRM stored', ms: 4, endAt: 12_000 });
    breakdown.record({ hop: 'commit -> Debezium emit', ms: 30, endAt: 9_990 });
    const { hops } = breakdown.result();
    expect(hops.map((h) => h.hop)).toEqual(['commit -> Debezium emit', 'sent -> CRM stored']);
    expect(hops[0].windows.map((w) => w.t)).toEqual([0]);
  });
});
