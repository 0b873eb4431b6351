import { RangeSummary } from '../types/range-summary.type';
import { addToChecksum } from '../utils/add-to-checksum.util';
import { mergeChecksums } from '../utils/merge-checksums.util';

/**
 * The summaries of one side (Postgres or Redis) of a tenant's entity, per bucket of `depth`
 * leading hex digits (16^depth buckets, 16 bytes each), rolled up on demand to coarser ranges:
 * count and checksum add up, the maximum takes the larger.
 */
export class RangeSummaries {
  private readonly counts: Uint32Array;
  private readonly maxima: Float64Array;
  private readonly checksums: Uint32Array;
  /** Live cache keys whose id is no uuid: no row can have them. */
  malformed = 0;
  total = 0;

  constructor(readonly depth: number) {
    const size = 16 ** depth;
    this.counts = new Uint32Array(size);
    this.maxima = new Float64Array(size);
    this.checksums = new Uint32Array(size);
  }

  /** One record at `version` in bucket `index`. */
  add(index: number, version: number): void {
    this.counts[index] += 1;
    if (version > this.maxima[index]) this.maxima[index] = version;
    this.checksums[index] = addToChecksum(this.checksums[index], version);
    this.total += 1;
  }

  /** A whole bucket at once, as Postgres aggregated it. */
  set(index: number, summary: RangeSummary): void {
    this.total += summary.count - this.counts[index];
    this.counts[index] = summary.count;
    this.maxima[index] = summary.maxVersion;
    this.checksums[index] = summary.checksum;
  }

  /** The summary of range `index` of `splitUuidSpace(depth)`, for any depth up to this one's. */
  at(depth: number, index: number): RangeSummary {
    const width = 16 ** (this.depth - depth);
    const summary: RangeSummary = { count: 0, maxVersion: 0, checksum: 0 };
    for (let fine = index * width; fine < (index + 1) * width; fine++) {
      summary.count += this.counts[fine];
      if (this.maxima[fine] > summary.maxVersion) summary.maxVersion = this.maxima[fine];
      summary.checksum = mergeChecksums(summary.checksum, this.checksums[fine]);
    }
    return summary;
  }
}
