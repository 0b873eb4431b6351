import { RangeSummaries } from './range-summaries';

describe(RangeSummaries.name, () => {
  it('rolls 256 ranges up into 16: counts and checksums add, maxima take the larger', () => {
    const summaries = new RangeSummaries(2);
    summaries.add(0x00, 5);
    summaries.add(0x0f, 9);
    summaries.add(0x10, 7);
    summaries.set(0xff, { count: 3, maxVersion: 42, checksum: 100 });
    expect(summaries.total).toBe(6);
    expect(summaries.at(1, 0)).toEqual({ count: 2, maxVersion: 9, checksum: 14 });
    expect(summaries.at(1, 1)).toEqual({ count: 1, maxVersion: 7, checksum: 7 });
    expect(summaries.at(1, 15)).toEqual({ count: 3, maxVersion: 42, checksum: 100 });
    expect(summaries.at(2, 0x0f)).toEqual({ count: 1, maxVersion: 9, checksum: 9 });
  });

  it('tells apart sides that count and max alone would not (a missing row and an extra key)', () => {
    const rows = new RangeSummaries(2);
    const keys = new RangeSummaries(2);
    for (const version of [3, 7, 10]) rows.add(0, version);
    for (const version of [4, 7, 10]) keys.add(0, version);
    const [a, b] = [rows.at(2, 0), keys.at(2, 0)];
    expect([a.count, a.maxVersion]).toEqual([b.count, b.maxVersion]);
    expect(a.checksum).not.toBe(b.checksum);
  });

  it('keeps checksums exact for versions beyond 2^32 (modulo 2^32, as Postgres computes them)', () => {
    const summaries = new RangeSummaries(2);
    summaries.add(1, 2 ** 40 + 5);
    summaries.add(1, 2 ** 32 - 1);
    expect(summaries.at(2, 1).checksum).toBe((5 + 2 ** 32 - 1) % 2 ** 32);
  });

  it('keeps four-digit buckets and rolls them up to ranges of one or two digits', () => {
    const summaries = new RangeSummaries(4);
    summaries.add(0xab12, 3);
    summaries.add(0xabff, 8);
    expect(summaries.at(4, 0xab12)).toEqual({ count: 1, maxVersion: 3, checksum: 3 });
    expect(summaries.at(2, 0xab)).toEqual({ count: 2, maxVersion: 8, checksum: 11 });
    expect(summaries.at(1, 0xa)).toEqual({ count: 2, maxVersion: 8, checksum: 11 });
    expect(summaries.at(2, 0xac)).toEqual({ count: 0, maxVersion: 0, checksum: 0 });
  });
});
