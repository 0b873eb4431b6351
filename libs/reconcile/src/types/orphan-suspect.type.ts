import { ReportRow } from './report-row.type';

/** Where a tenant's collection may have orphans: buckets with more live keys than matched rows. */
export interface OrphanSuspect {
  row: ReportRow;
  depth: number;
  buckets: Set<number>;
}
