import { noticeHops } from './notice-hops';

describe(noticeHops.name, () => {
  it('turns a full trace into one hop per pair of adjacent clocks, ending at the later one', () => {
    const hops = noticeHops({
      trace: { committedAt: 1000, emittedAt: 1040, appendedAt: 1045, receivedAt: 1100 },
      observedAt: 1103,
      producedAt: 1110,
      receivedAt: 1150,
    });
    expect(hops).toEqual([
      { hop: 'commit -> Debezium emit', ms: 40, endAt: 1040 },
      { hop: 'emit -> Kafka append', ms: 5, endAt: 1045 },
      { hop: 'append -> worker received', ms: 55, endAt: 1100 },
      { hop: 'received -> Redis applied', ms: 3, endAt: 1103 },
      { hop: 'applied -> notice produced', ms: 7, endAt: 1110 },
      { hop: 'notice -> load test (overhead)', ms: 40, endAt: 1150 },
    ]);
  });

  it('skips a hop whose clock is missing instead of counting it as 0', () => {
    const hops = noticeHops({
      trace: { emittedAt: 1040, receivedAt: 1100 },
      observedAt: 1103,
      receivedAt: 1150,
    });
    expect(hops).toEqual([{ hop: 'received -> Redis applied', ms: 3, endAt: 1103 }]);
  });

  it('keeps only the observed -> received part without a trace (a notice from another path)', () => {
    expect(noticeHops({ observedAt: 1000, producedAt: 1002, receivedAt: 1010 })).toEqual([
      { hop: 'applied -> notice produced', ms: 2, endAt: 1002 },
      { hop: 'notice -> load test (overhead)', ms: 8, endAt: 1010 },
    ]);
  });
});
