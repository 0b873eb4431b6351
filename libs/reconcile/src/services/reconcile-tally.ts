import { RECONCILE_DEFAULTS } from '../constants/reconcile-defaults.constant';
import { DriftCounts } from '../types/drift-counts.type';
import { ReconcileErrorEntry } from '../types/reconcile-error-entry.type';
import { ReconcileKind } from '../types/reconcile-kind.type';
import { ReconcileReport } from '../types/reconcile-report.type';
import { ReconcileScope } from '../types/reconcile-scope.type';
import { ReportRow } from '../types/report-row.type';

/** Collects a run's counts per tenant/entity(/destination) and its errors, then the report. */
export class ReconcileTally {
  private readonly rows = new Map<string, ReportRow>();
  private readonly errors: ReconcileErrorEntry[] = [];
  private errorCount = 0;

  constructor(private readonly maxRecordedErrors: number = RECONCILE_DEFAULTS.maxRecordedErrors) {}

  /** The row of a scope, created on first use. */
  row(tenant: string, entity: string, destination?: string): ReportRow {
    const key = JSON.stringify([tenant, entity, destination ?? null]);
    let row = this.rows.get(key);
    if (!row) {
      row = {
        tenant,
        entity,
        ...(destination ? { destination } : {}),
        ...emptyCounts(),
        durationMs: 0,
      };
      this.rows.set(key, row);
    }
    return row;
  }

  /** A skipped batch or a failed scope, counted on its row. */
  error(row: ReportRow | undefined, where: string, message: string): void {
    this.errorCount += 1;
    if (row) row.errors += 1;
    if (this.errors.length < this.maxRecordedErrors) {
      this.errors.push({
        ...(row ? { tenant: row.tenant, entity: row.entity } : {}),
        ...(row?.destination ? { destination: row.destination } : {}),
        where,
        message,
        at: new Date().toISOString(),
      });
    }
  }

  report(run: {
    kind: ReconcileKind;
    dryRun: boolean;
    scope: ReconcileScope;
    startedAt: number;
    finishedAt: number;
    failure?: string;
  }): ReconcileReport {
    const rows = [...this.rows.values()].sort(
      (a, b) =>
        a.tenant.localeCompare(b.tenant) ||
        a.entity.localeCompare(b.entity) ||
        (a.destination ?? '').localeCompare(b.destination ?? ''),
    );
    const totals = emptyCounts();
    for (const row of rows) {
      for (const key of Object.keys(totals) as (keyof DriftCounts)[]) totals[key] += row[key];
    }
    const durationMs = Math.max(0, run.finishedAt - run.startedAt);
    return {
      kind: run.kind,
      dryRun: run.dryRun,
      scope: run.scope,
      status: run.failure ? 'failed' : this.errorCount > 0 ? 'partial' : 'succeeded',
      startedAt: new Date(run.startedAt).toISOString(),
      finishedAt: new Date(run.finishedAt).toISOString(),
      durationMs,
      rowsPerSecond: durationMs > 0 ? Math.round((totals.compared * 1000) / durationMs) : 0,
      totals,
      rows,
      errors: [...this.errors],
      errorCount: this.errorCount,
      ...(run.failure ? { failure: run.failure } : {}),
    };
  }
}

function emptyCounts(): DriftCounts {
  return {
    compared: 0,
    missing: 0,
    stale: 0,
    differing: 0,
    orphan: 0,
    repaired: 0,
    errors: 0,
    inFlight: 0,
    inbound: 0,
  };
}
