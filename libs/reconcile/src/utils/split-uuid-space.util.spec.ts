import { randomUUID } from 'node:crypto';
import { ReconcileScopeException } from '../exceptions/reconcile-scope.exception';
import { isCanonicalUuid } from './is-canonical-uuid.util';
import { rangeIndexOf } from './range-index-of.util';
import { splitUuidSpace } from './split-uuid-space.util';

describe(splitUuidSpace.name, () => {
  it('splits the uuid space into 16 ranges by the first hex digit', () => {
    const ranges = splitUuidSpace(1);
    expect(ranges).toHaveLength(16);
    expect(ranges[0]).toEqual({
      index: 0,
      depth: 1,
      prefix: '0',
      lo: '00000000-0000-0000-0000-000000000000',
      hi: '10000000-0000-0000-0000-000000000000',
    });
    expect(ranges[15]).toEqual({
      index: 15,
      depth: 1,
      prefix: 'f',
      lo: 'f0000000-0000-0000-0000-000000000000',
      hi: undefined,
    });
  });

  it('splits into 256 ranges by two digits, each range ending where the next begins', () => {
    const ranges = splitUuidSpace(2);
    expect(ranges).toHaveLength(256);
    expect(ranges[0xab]).toMatchObject({
      prefix: 'ab',
      lo: 'ab000000-0000-0000-0000-000000000000',
      hi: 'ac000000-0000-0000-0000-000000000000',
    });
    for (let i = 0; i < ranges.length - 1; i++) {
      expect(ranges[i].hi).toBe(ranges[i + 1].lo);
      expect(ranges[i].lo < (ranges[i].hi as string)).toBe(true);
    }
  });

  it('puts every uuid into exactly the range whose bounds contain it', () => {
    for (const depth of [1, 2, 3]) {
      const ranges = splitUuidSpace(depth);
      for (let i = 0; i < 500; i++) {
        const id = randomUUID();
        const containing = ranges.filter(
          (range) => id >= range.lo && (range.hi === undefined || id < range.hi),
        );
        expect(containing).toHaveLength(1);
        expect(containing[0].index).toBe(rangeIndexOf(id, depth));
      }
    }
    expect(rangeIndexOf('ffffffff-ffff-ffff-ffff-ffffffffffff', 2)).toBe(255);
  });

  it('knows the canonical uuid form (what Postgres returns), and nothing else', () => {
    expect(isCanonicalUuid('0a95e041-b225-4440-96a0-cf2127b12ceb')).toBe(true);
    expect(isCanonicalUuid('0A95E041-B225-4440-96A0-CF2127B12CEB')).toBe(false);
    expect(isCanonicalUuid('not-a-uuid')).toBe(false);
  });

  it('refuses depths outside 1 to 4', () => {
    expect(() => splitUuidSpace(0)).toThrow(ReconcileScopeException);
    expect(() => splitUuidSpace(5)).toThrow(ReconcileScopeException);
    expect(() => splitUuidSpace(1.5)).toThrow(ReconcileScopeException);
  });
});
