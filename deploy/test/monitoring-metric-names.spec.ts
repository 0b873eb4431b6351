import { alertRules, dashboardExpressions, metricNamesIn } from './support/alert-rules.util';
import { exportedSeriesNames, registeredMetrics } from './support/exported-metric-names.util';

// Every metric the alert rules and the Grafana dashboard read must be exported by some app, or come
// from kube-state-metrics: a renamed metric must not leave an alert that can never fire.

/** kube-state-metrics series the rules read (its names are stable across 2.x). */
const KUBE_STATE_METRICS = new Set([
  'kube_job_failed',
  'kube_cronjob_next_schedule_time',
  'kube_cronjob_spec_suspend',
  'kube_pod_container_status_restarts_total',
]);

const queried = [
  ...alertRules().map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr })),
  ...dashboardExpressions().map((expr) => ({ where: 'dashboard', expr })),
];

describe('metrics read by the alert rules and the dashboard', () => {
  it('are all exported by an app, or are kube-state-metrics', async () => {
    const exported = await exportedSeriesNames();
    const unknown = queried.flatMap(({ where, expr }) =>
      metricNamesIn(expr)
        .filter((name) => !exported.has(name) && !KUBE_STATE_METRICS.has(name))
        .map((name) => `${where}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('cover what the dashboard must show', () => {
    const names = new Set(dashboardExpressions().flatMap(metricNamesIn));
    for (const name of [
      'syncline_sync_events_total',
      'syncline_sync_commit_to_cache_seconds_bucket',
      'syncline_delivery_records_total',
      'syncline_consumer_lag_messages',
      'syncline_consumer_oldest_unapplied_age_seconds',
      'syncline_sync_dead_letters_total',
      'syncline_delivery_dead_letters_total',
      'syncline_delivery_calls_total',
      'syncline_delivery_rate_limit_utilisation',
      'syncline_delivery_rate_limit_daily_utilisation',
      'syncline_replication_slot_retained_wal_bytes',
      'syncline_reconcile_rows',
    ]) {
      expect(names).toContain(name);
    }
  });
});

describe(metricNamesIn.name, () => {
  it('finds metric names, not label values or functions', () => {
    expect(
      metricNamesIn(
        'sum by (le) (rate(syncline_x_seconds_bucket{job="syncline_reconciler"}[5m])) / on (pod) kube_pod_info',
      ),
    ).toEqual(['syncline_x_seconds_bucket', 'kube_pod_info']);
  });
});

describe(registeredMetrics.name, () => {
  it('finds the metrics of every app and the reconciler, with their kinds', () => {
    const registered = registeredMetrics();
    expect(registered.get('syncline_delivery_latency_seconds')?.kind).toBe('histogram');
    expect(registered.get('syncline_sync_events_total')?.kind).toBe('counter');
    expect(registered.get('syncline_cache_api_lookups_total')?.kind).toBe('counter');
    expect(registered.get('syncline_reconcile_last_success_timestamp_seconds')?.kind).toBe('gauge');
  });
});
