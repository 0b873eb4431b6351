import { Gauge, Registry } from 'prom-client';
import { DriftCounts } from '../types/drift-counts.type';
import { ReconcileReport } from '../types/reconcile-report.type';

const STATUS_CODES = { succeeded: 0, partial: 1, failed: 2, running: 2 } as const;

/**
 * A run's figures for alerting. A CronJob cannot be scraped, so they go out twice: as fields of
 * the final log line (`logFields`), and pushed to a Prometheus Pushgateway when one is configured
 * (`pushTo`). A registry of their own: the push carries only these, not the process metrics.
 */
export class ReconcileMetrics {
  readonly registry = new Registry();
  private readonly rows: Gauge<'kind' | 'tenant' | 'entity' | 'destination' | 'outcome'>;
  private readonly duration: Gauge<'kind'>;
  private readonly status: Gauge<'kind'>;
  private readonly lastRun: Gauge<'kind'>;
  private readonly lastSuccess: Gauge<'kind'>;
  private readonly rate: Gauge<'kind'>;

  constructor() {
    const gauge = <L extends string>(name: string, help: string, labelNames: L[]) =>
      new Gauge<L>({ name, help, labelNames, registers: [this.registry] });
    this.rows = gauge(
      'syncline_reconcile_rows',
      'Rows of the last reconcile run per scope, by outcome (compared, missing, stale, differing, orphan, repaired, errors, in_flight, inbound)',
      ['kind', 'tenant', 'entity', 'destination', 'outcome'],
    );
    this.duration = gauge('syncline_reconcile_duration_seconds', 'Duration of the last run', [
      'kind',
    ]);
    this.status = gauge(
      'syncline_reconcile_status',
      'How the last run ended: 0 succeeded, 1 partial (batches skipped), 2 failed',
      ['kind'],
    );
    this.lastRun = gauge(
      'syncline_reconcile_last_run_timestamp_seconds',
      'When the last run finished',
      ['kind'],
    );
    this.lastSuccess = gauge(
      'syncline_reconcile_last_success_timestamp_seconds',
      'When the last run that compared everything in scope finished',
      ['kind'],
    );
    this.rate = gauge(
      'syncline_reconcile_rows_per_second',
      'Rows compared per second in the last run',
      ['kind'],
    );
  }

  record(report: ReconcileReport): void {
    const kind = report.kind;
    for (const row of report.rows) {
      const labels = {
        kind,
        tenant: row.tenant,
        entity: row.entity,
        destination: row.destination ?? '',
      };
      for (const [outcome, value] of Object.entries(countsOf(row))) {
        this.rows.set({ ...labels, outcome }, value);
      }
    }
    const finished = Date.parse(report.finishedAt) / 1000;
    this.duration.set({ kind }, report.durationMs / 1000);
    this.status.set({ kind }, STATUS_CODES[report.status]);
    this.lastRun.set({ kind }, finished);
    if (report.status === 'succeeded') this.lastSuccess.set({ kind }, finished);
    this.rate.set({ kind }, report.rowsPerSecond);
  }

  /** The figures as flat log fields, for log-based alerting. */
  logFields(report: ReconcileReport): Record<string, number | string> {
    const fields: Record<string, number | string> = {
      reconcile_kind: report.kind,
      reconcile_status: report.status,
      reconcile_status_code: STATUS_CODES[report.status],
      reconcile_duration_seconds: report.durationMs / 1000,
      reconcile_rows_per_second: report.rowsPerSecond,
    };
    for (const [outcome, value] of Object.entries(countsOf(report.totals))) {
      fields[`reconcile_${outcome}_total`] = value;
    }
    return fields;
  }

  /** The metrics in Prometheus' text exposition format. */
  async exposition(): Promise<string> {
    return this.registry.metrics();
  }

  /**
   * PUTs the metrics to a Pushgateway under job `syncline_reconciler`, grouped by kind (a run
   * replaces its kind's previous figures). Throws on a non-2xx answer.
   */
  async pushTo(gatewayUrl: string, kind: string, fetchImpl: typeof fetch = fetch): Promise<void> {
    const url = `${gatewayUrl.replace(/\/+$/, '')}/metrics/job/syncline_reconciler/kind/${encodeURIComponent(kind)}`;
    const response = await fetchImpl(url, {
      method: 'PUT',
      headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
      body: await this.exposition(),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new Error(`pushgateway answered ${response.status}: ${text.slice(0, 200)}`);
    }
  }
}

function countsOf(counts: DriftCounts): Record<string, number> {
  return {
    compared: counts.compared,
    missing: counts.missing,
    stale: counts.stale,
    differing: counts.differing,
    orphan: counts.orphan,
    repaired: counts.repaired,
    errors: counts.errors,
    in_flight: counts.inFlight,
    inbound: counts.inbound,
  };
}
