import { chooseBucketDepths } from './choose-bucket-depths.util';

describe(chooseBucketDepths.name, () => {
  it('gives bigger tenants finer buckets, about eight rows each, four hex digits at most', () => {
    const depths = chooseBucketDepths(
      new Map([
        ['tiny', 40],
        ['small', 1000],
        ['medium', 20_000],
        ['large', 250_000],
        ['huge', 50_000_000],
      ]),
    );
    expect(Object.fromEntries(depths)).toEqual({
      tiny: 1,
      small: 2,
      medium: 3,
      large: 4,
      huge: 4,
    });
  });

  it('stays within the bucket budget: the biggest of the deepest tenants give way first', () => {
    const depths = chooseBucketDepths(
      new Map([
        ['a', 1_000_000],
        ['b', 900_000],
        ['c', 100],
      ]),
      { maxBuckets: 65_536 + 4096 + 16 },
    );
    expect(Object.fromEntries(depths)).toEqual({ a: 3, b: 4, c: 1 });
    const tight = chooseBucketDepths(new Map([['a', 1_000_000]]), { maxBuckets: 10 });
    expect(tight.get('a')).toBe(1);
  });
});
