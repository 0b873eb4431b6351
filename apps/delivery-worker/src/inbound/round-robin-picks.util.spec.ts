import { roundRobinPicks } from './round-robin-picks.util';

describe(roundRobinPicks.name, () => {
  const objects = ['a/orders', 'b/orders', 'c/orders', 'd/orders', 'e/orders'];
  const any = () => true;

  it('takes at most the free places, from the start, and continues after the last taken', () => {
    expect(roundRobinPicks(objects, 0, 2, any)).toEqual({
      picked: ['a/orders', 'b/orders'],
      next: 2,
    });
    expect(roundRobinPicks(objects, 2, 2, any)).toEqual({
      picked: ['c/orders', 'd/orders'],
      next: 4,
    });
  });

  it('wraps around, so the objects at the end get their turn before the front again', () => {
    expect(roundRobinPicks(objects, 4, 3, any)).toEqual({
      picked: ['e/orders', 'a/orders', 'b/orders'],
      next: 2,
    });
  });

  it('skips the ineligible (polling or backing off) without giving them the turn', () => {
    const busy = new Set(['a/orders', 'b/orders', 'c/orders']);
    expect(roundRobinPicks(objects, 0, 8, (o) => !busy.has(o))).toEqual({
      picked: ['d/orders', 'e/orders'],
      next: 0,
    });
  });

  it('a front that always fails does not starve the rest across rounds', () => {
    const seen = new Set<string>();
    let start = 0;
    for (let round = 0; round < 3; round += 1) {
      const { picked, next } = roundRobinPicks(objects, start, 2, any);
      picked.forEach((o) => seen.add(o));
      start = next;
    }
    expect([...seen].sort()).toEqual(objects);
  });

  it('picks nothing from nothing', () => {
    expect(roundRobinPicks([], 3, 8, any)).toEqual({ picked: [], next: 3 });
  });
});
