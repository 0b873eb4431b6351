import { MetricsRegistry } from '@syncline/observability';

/** What an operator watches on a sync-worker. */
export class SyncWorkerMetrics {
  readonly events;
  readonly deadLetters;
  readonly batchSize;
  readonly batchSeconds;
  readonly commitToCacheSeconds;
  readonly toastFills;
  readonly truncates;
  readonly absentColumnReads;
  readonly schemaReloads;

  constructor(readonly registry: MetricsRegistry) {
    this.events = registry.counter(
      'syncline_sync_events_total',
      'Change events by Debezium op and outcome (applied, duplicate, stale, dead_lettered, skipped)',
      ['op', 'outcome'],
    );
    this.deadLetters = registry.counter(
      'syncline_sync_dead_letters_total',
      'Events sent to the CDC dead-letter topic, by reason',
      ['reason'],
    );
    this.batchSize = registry.histogram(
      'syncline_sync_batch_size',
      'Messages per partition batch',
      [],
      [1, 10, 50, 100, 250, 500, 1000, 2500, 5000],
    );
    this.batchSeconds = registry.histogram(
      'syncline_sync_batch_duration_seconds',
      'Time to make one batch durable',
      [],
      [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    );
    this.commitToCacheSeconds = registry.histogram(
      'syncline_sync_commit_to_cache_seconds',
      'Source transaction commit (Debezium source.ts_ms) -> change applied in Redis, per applied change (snapshot reads excluded)',
      [],
      [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    );
    this.toastFills = registry.counter(
      'syncline_sync_toast_fills_total',
      'Unchanged TOAST columns filled in, by where the value came from',
      ['source'],
    );
    this.truncates = registry.counter(
      'syncline_sync_truncates_total',
      "TRUNCATEs applied (the table's keys cleared)",
      ['entity'],
    );
    this.absentColumnReads = registry.counter(
      'syncline_sync_absent_column_reads_total',
      'Rows read from Postgres because their event lacked a column (older than an ADD COLUMN, or a type Debezium does not send)',
      ['entity'],
    );
    this.schemaReloads = registry.counter(
      'syncline_sync_schema_reloads_total',
      'Catalog re-reads prompted by change events, by outcome (changed, unchanged, invalid_config)',
      ['outcome'],
    );
  }
}
