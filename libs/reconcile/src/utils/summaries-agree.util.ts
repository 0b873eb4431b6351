import { RangeSummary } from '../types/range-summary.type';

/** Whether two sides of a range agree, so its manifest need not be read. */
export function summariesAgree(a: RangeSummary, b: RangeSummary): boolean {
  return a.count === b.count && a.maxVersion === b.maxVersion && a.checksum === b.checksum;
}
