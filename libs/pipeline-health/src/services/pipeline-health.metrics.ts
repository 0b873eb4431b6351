import { MetricsRegistry } from '@syncline/observability';

/** The pipeline-health metrics (names agreed for the alert rules: docs/operations.md). */
export class PipelineHealthMetrics {
  readonly slotRetainedWalBytes;
  readonly slotConfirmedFlushLagBytes;
  readonly slotActive;
  readonly connectorTaskState;
  readonly consumerLag;
  readonly oldestUnappliedAge;
  readonly probeErrors;

  constructor(registry: MetricsRegistry) {
    this.slotRetainedWalBytes = registry.gauge(
      'syncline_replication_slot_retained_wal_bytes',
      'WAL the replication slot keeps on the database: pg_current_wal_lsn() - restart_lsn',
      ['slot'],
    );
    this.slotConfirmedFlushLagBytes = registry.gauge(
      'syncline_replication_slot_confirmed_flush_lag_bytes',
      'WAL not yet confirmed by Debezium: pg_current_wal_lsn() - confirmed_flush_lsn',
      ['slot'],
    );
    this.slotActive = registry.gauge(
      'syncline_replication_slot_active',
      '1 while a client (Debezium) streams from the slot, else 0',
      ['slot'],
    );
    this.connectorTaskState = registry.gauge(
      'syncline_connector_task_state',
      'Kafka Connect state of the CDC connector (task="connector") and of each task: 1 for the current state',
      ['connector', 'task', 'state'],
    );
    this.consumerLag = registry.gauge(
      'syncline_consumer_lag_messages',
      "Messages past a consumer group's committed offsets, per topic of what it consumes now",
      ['group', 'topic', 'collection', 'destination'],
    );
    this.oldestUnappliedAge = registry.gauge(
      'syncline_consumer_oldest_unapplied_age_seconds',
      'Age of the oldest message the group has not committed yet (0 when caught up)',
      ['group', 'collection', 'destination'],
    );
    this.probeErrors = registry.counter(
      'syncline_health_probe_errors_total',
      'Health samples that failed (the database, Kafka Connect or Kafka unreachable), by probe',
      ['probe'],
    );
  }
}
