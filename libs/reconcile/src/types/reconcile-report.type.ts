import { DriftCounts } from './drift-counts.type';
import { ReconcileErrorEntry } from './reconcile-error-entry.type';
import { ReconcileKind } from './reconcile-kind.type';
import { ReconcileScope } from './reconcile-scope.type';
import { ReconcileStatus } from './reconcile-status.type';
import { ReportRow } from './report-row.type';

/** Everything a run reports: the run record's summary, the log line, the table and the metrics. */
export interface ReconcileReport {
  runId?: string;
  kind: ReconcileKind;
  dryRun: boolean;
  scope: ReconcileScope;
  status: ReconcileStatus;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  rowsPerSecond: number;
  totals: DriftCounts;
  rows: ReportRow[];
  errors: ReconcileErrorEntry[];
  /** All errors, also those beyond the recorded ones. */
  errorCount: number;
  /** Set when the run failed as a whole. */
  failure?: string;
}
