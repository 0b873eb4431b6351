import { RangeSummary } from '../types/range-summary.type';
import { addToChecksum } from '../utils/add-to-checksum.util';
import { mergeChecksums } from '../utils/merge-checksums.util';

/**
 * The summaries of one side (Postgres or Redis) of a tenant's collection, per bucket of `depth`
 * leading hex digits of md5(record id) (16^depth buckets, 20 bytes each), rolled up on demand to
 * coarser ones: counts and checksums add up, the maximum takes the larger.
 */
export class RangeSummaries {
  private readonly counts: Uint32Array;
  private readonly maxima: Float64Array;
  private readonly checksums: Uint32Array;
  private readonly contents: Uint32Array;
  total = 0;

  constructor(readonly depth: number) {
    const size = 16 ** depth;
    this.counts = new Uint32Array(size);
    this.maxima = new Float64Array(size);
    this.checksums = new Uint32Array(size);
    this.contents = new Uint32Array(size);
  }

  /** One record at `version` (0 for WAL-position collections) with `contentPart` in bucket `index`. */
  add(index: number, version: number, contentPart = 0): void {
    this.counts[index] += 1;
    if (version > this.maxima[index]) this.maxima[index] = version;
    this.checksums[index] = addToChecksum(this.checksums[index], version);
    this.contents[index] = addToChecksum(this.contents[index], contentPart);
    this.total += 1;
  }

  /** The summary of bucket `index` at `depth` hex digits, for any depth up to this one's. */
  at(depth: number, index: number): RangeSummary {
    const width = 16 ** (this.depth - depth);
    const summary: RangeSummary = { count: 0, maxVersion: 0, checksum: 0, contentChecksum: 0 };
    for (let fine = index * width; fine < (index + 1) * width; fine++) {
      summary.count += this.counts[fine];
      if (this.maxima[fine] > summary.maxVersion) summary.maxVersion = this.maxima[fine];
      summary.checksum = mergeChecksums(summary.checksum, this.checksums[fine]);
      summary.contentChecksum = mergeChecksums(summary.contentChecksum, this.contents[fine]);
    }
    return summary;
  }
}
