import { RangeSummary } from '../types/range-summary.type';

/** Whether two sides of a bucket agree in count, versions and content, so its rows need no diff. */
export function summariesAgree(a: RangeSummary, b: RangeSummary): boolean {
  return (
    a.count === b.count &&
    a.maxVersion === b.maxVersion &&
    a.checksum === b.checksum &&
    a.contentChecksum === b.contentChecksum
  );
}
