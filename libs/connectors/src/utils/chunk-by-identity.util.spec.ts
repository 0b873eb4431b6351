import { chunkByIdentity } from './chunk-by-identity.util';
import { chunk } from './chunk.util';

describe(chunkByIdentity.name, () => {
  const id = (s: string): string => s;

  it('fills batches up to the size, in order', () => {
    const items = Array.from({ length: 250 }, (_, i) => `r${i}`);
    const batches = chunkByIdentity(items, id, 100);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batches.flat()).toEqual(items);
  });

  it('starts a new batch at a repeated identity (case-insensitive), keeping order', () => {
    expect(chunkByIdentity(['a', 'b', 'A', 'c', 'b'], id, 10)).toEqual([
      ['a', 'b'],
      ['A', 'c', 'b'],
    ]);
  });

  it('returns no batch for no items and rejects a size below 1', () => {
    expect(chunkByIdentity([], id, 5)).toEqual([]);
    expect(() => chunkByIdentity(['a'], id, 0)).toThrow(RangeError);
  });
});

describe(chunk.name, () => {
  it('slices consecutively', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
  });
});
