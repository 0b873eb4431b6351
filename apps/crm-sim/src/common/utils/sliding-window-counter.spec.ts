import { SlidingWindowCounter } from './sliding-window-counter';

describe(SlidingWindowCounter.name, () => {
  it('counts only the events inside the rolling window', () => {
    const window = new SlidingWindowCounter(10_000);
    window.add(1_000);
    window.add(5_000);
    window.add(9_000);
    expect(window.count(9_000)).toBe(3);
    expect(window.count(11_000)).toBe(2);
    expect(window.count(19_000)).toBe(0);
  });

  it('says how long until the oldest event frees a slot', () => {
    const window = new SlidingWindowCounter(10_000);
    window.add(1_000);
    window.add(4_000);
    expect(window.msUntilSlot(6_000)).toBe(5_000);
    expect(window.msUntilSlot(12_000)).toBe(2_000);
  });

  it('stays correct after compacting a long history', () => {
    const window = new SlidingWindowCounter(100);
    for (let t = 0; t < 5_000; t += 1) window.add(t);
    expect(window.count(4_999)).toBe(100);
    expect(window.count(10_000)).toBe(0);
  });
});
