import { RangeSummaries } from './range-summaries';

describe(RangeSummaries.name, () => {
  it('rolls 256 buckets up into 16: counts and checksums add, maxima take the larger', () => {
    const summaries = new RangeSummaries(2);
    summaries.add(0x00, 5, 1);
    summaries.add(0x0f, 9, 2);
    summaries.add(0x10, 7, 3);
    expect(summaries.total).toBe(3);
    expect(summaries.at(1, 0)).toEqual({
      count: 2,
      maxVersion: 9,
      checksum: 14,
      contentChecksum: 3,
    });
    expect(summaries.at(1, 1)).toEqual({
      count: 1,
      maxVersion: 7,
      checksum: 7,
      contentChecksum: 3,
    });
    expect(summaries.at(2, 0x0f)).toEqual({
      count: 1,
      maxVersion: 9,
      checksum: 9,
      contentChecksum: 2,
    });
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

  it('tells apart the same versions with other data (WAL-position collections summarise version 0)', () => {
    const rows = new RangeSummaries(1);
    const keys = new RangeSummaries(1);
    rows.add(3, 0, 0xdeadbeef);
    keys.add(3, 0, 0x12345678);
    expect(rows.at(1, 3).checksum).toBe(keys.at(1, 3).checksum);
    expect(rows.at(1, 3).contentChecksum).not.toBe(keys.at(1, 3).contentChecksum);
  });

  it('keeps checksums exact for versions and digests beyond 2^32 (modulo 2^32)', () => {
    const summaries = new RangeSummaries(2);
    summaries.add(1, 2 ** 40 + 5, 0xffffffff);
    summaries.add(1, 2 ** 32 - 1, 2);
    expect(summaries.at(2, 1).checksum).toBe((5 + 2 ** 32 - 1) % 2 ** 32);
    expect(summaries.at(2, 1).contentChecksum).toBe(1);
  });

  it('keeps four-digit buckets and rolls them up to one or two digits', () => {
    const summaries = new RangeSummaries(4);
    summaries.add(0xab12, 3);
    summaries.add(0xabff, 8);
    expect(summaries.at(4, 0xab12)).toMatchObject({ count: 1, maxVersion: 3, checksum: 3 });
    expect(summaries.at(2, 0xab)).toMatchObject({ count: 2, maxVersion: 8, checksum: 11 });
    expect(summaries.at(1, 0xa)).toMatchObject({ count: 2, maxVersion: 8, checksum: 11 });
    expect(summaries.at(2, 0xac)).toMatchObject({ count: 0, maxVersion: 0, checksum: 0 });
  });
});
