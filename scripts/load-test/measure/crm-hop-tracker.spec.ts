import { CrmCallLog, type SimCallEntry } from './crm-call-log';
import { CrmHopTracker } from './crm-hop-tracker';
import type { HopSample } from './notice-hops';

const call = (seq: number, arrivedAt: number, durationMs: number, path = '/batch/upsert') =>
  ({
    seq,
    method: 'POST',
    path: `/crm/v3/objects/contacts${path}`,
    status: 200,
    timestamp: new Date(arrivedAt).toISOString(),
    durationMs,
  }) satisfies SimCallEntry;

describe(CrmCallLog.name, () => {
  it('finds the write call in flight when a record was stored, not reads or failed calls', () => {
    const log = new CrmCallLog();
    log.add([
      call(1, 1000, 50),
      call(2, 1010, 100, '/search'),
      { ...call(3, 1020, 100), status: 429 },
      call(4, 1030, 10.5),
    ]);
    expect(log.lastSeq).toBe(4);
    expect(log.arrivalFor(1035)).toBe(1030);
    expect(log.arrivalFor(1045)).toBe(1000);
    expect(log.arrivalFor(1100)).toBeUndefined();
    log.forgetBefore(1060);
    expect(log.arrivalFor(1035)).toBeUndefined();
  });
});

describe(CrmHopTracker.name, () => {
  function setup() {
    const calls = new CrmCallLog();
    const hops: HopSample[] = [];
    const tracker = new CrmHopTracker(calls, (sample) => hops.push(sample), 5000);
    return { calls, hops, tracker };
  }

  it('measures applied -> sent -> stored for the change whose marker the CRM holds', () => {
    const { calls, hops, tracker } = setup();
    tracker.committed('t/1', 7, 3);
    tracker.applied('t/1', 3, 'upsert', 1000);
    tracker.stored('t/1', 7, 1260, 2000);
    tracker.resolve(2000);
    expect(hops).toEqual([]); // the call is not logged yet: waits for it
    calls.add([call(1, 1250, 20)]);
    tracker.resolve(2500);
    expect(hops).toEqual([
      { hop: 'applied -> delivery sent', ms: 250, endAt: 1250 },
      { hop: 'sent -> CRM stored', ms: 10, endAt: 1260 },
    ]);
    tracker.stored('t/1', 7, 1260, 3000); // seen again by the next, overlapping poll
    tracker.resolve(3000);
    expect(hops).toHaveLength(2);
  });

  it('takes a newer notice as applied for coalesced versions, and skips hops it cannot know', () => {
    const { calls, hops, tracker } = setup();
    tracker.committed('t/2', 1, 1);
    tracker.committed('t/2', 2, 2);
    tracker.applied('t/2', 2, 'upsert', 500);
    tracker.stored('t/2', 1, 900, 1000); // stored before we saw the call of version 2
    calls.add([call(1, 880, 40)]);
    tracker.resolve(1000);
    expect(hops.map((h) => [h.hop, h.ms])).toEqual([
      ['applied -> delivery sent', 380],
      ['sent -> CRM stored', 20],
    ]);
    // No call matches: after the grace period, nothing is recorded for it (not a 0).
    tracker.stored('t/2', 2, 5000, 5000);
    tracker.resolve(9999);
    expect(hops).toHaveLength(2);
    tracker.resolve(10_000);
    expect(hops).toHaveLength(2);
  });

  it('records only the store hop when the notice never came', () => {
    const { calls, hops, tracker } = setup();
    tracker.committed('t/3', 4, 9);
    tracker.stored('t/3', 4, 1010, 1100);
    calls.add([call(1, 1000, 20)]);
    tracker.resolve(1200);
    expect(hops).toEqual([]);
    tracker.resolve(Infinity);
    expect(hops).toEqual([{ hop: 'sent -> CRM stored', ms: 10, endAt: 1010 }]);
  });
});
