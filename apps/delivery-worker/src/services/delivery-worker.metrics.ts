import { MetricsRegistry } from '@syncline/observability';

/** What an operator watches on a delivery-worker, per destination. */
export class DeliveryWorkerMetrics {
  readonly routed;
  readonly records;
  readonly calls;
  readonly callSize;
  readonly throttled;
  readonly rateLimitUtilisation;
  readonly dailyRateLimitUtilisation;
  readonly circuitState;
  readonly latencySeconds;
  readonly deadLetters;
  readonly inboundRecords;
  readonly inboundConflicts;
  readonly inboundLagSeconds;
  readonly inboundPolls;
  readonly inboundHints;

  constructor(registry: MetricsRegistry) {
    this.inboundRecords = registry.counter(
      'syncline_inbound_records_total',
      'CRM records read back by two-way sync, by outcome: applied, unchanged (an echo, or the row had it), conflict (the source kept its value), ignored (no row), failed',
      ['destination', 'outcome'],
    );
    this.inboundConflicts = registry.counter(
      'syncline_inbound_conflicts_total',
      'Fields both sides changed, resolved by the mapping policy, by winner',
      ['destination', 'policy', 'winner'],
    );
    this.inboundLagSeconds = registry.histogram(
      'syncline_inbound_lag_seconds',
      'From a CRM record last modified to its change written to the source',
      ['destination'],
      [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
    );
    this.inboundPolls = registry.counter(
      'syncline_inbound_polls_total',
      'Polls of a destination object for changed records, by result: ok, busy (another replica), failed',
      ['destination', 'result'],
    );
    this.inboundHints = registry.counter(
      'syncline_inbound_hints_total',
      'Inbound hints (webhooks) by outcome: read (a change read back), deletion (applied as one), skipped (no such destination or two-way mapping), paused, unreadable (the connector cannot read records), deferred (the CRM could not be read: kept in inbound_hint_retries), retried (a deferred record read again)',
      ['destination', 'outcome'],
    );
    this.routed = registry.counter(
      'syncline_delivery_routed_total',
      'Record-changed notices routed to destination queues (one per matching mapping)',
      ['tenant', 'entity'],
    );
    this.records = registry.counter(
      'syncline_delivery_records_total',
      'Records by outcome: delivered, unchanged (same payload), skipped (rules), dead_lettered, retried',
      ['destination', 'kind', 'outcome'],
    );
    this.calls = registry.counter(
      'syncline_delivery_calls_total',
      'CRM API calls by result: ok, partial, rate_limited, transient, permanent',
      ['destination', 'kind', 'operation', 'result'],
    );
    this.callSize = registry.histogram(
      'syncline_delivery_call_records',
      'Records per CRM call',
      ['kind'],
      [1, 5, 10, 25, 50, 100, 200],
    );
    this.throttled = registry.counter(
      'syncline_delivery_throttled_total',
      'Times a destination was held back, by reason: window, daily, blocked, circuit, paused',
      ['destination', 'reason'],
    );
    this.rateLimitUtilisation = registry.gauge(
      'syncline_delivery_rate_limit_utilisation',
      'Share of the destination rate-limit window in use (0..1) after the last call',
      ['destination'],
    );
    this.dailyRateLimitUtilisation = registry.gauge(
      'syncline_delivery_rate_limit_daily_utilisation',
      "Share of the destination's daily API allowance spent (0..1), as the CRM last reported it",
      ['destination'],
    );
    this.circuitState = registry.gauge(
      'syncline_delivery_circuit_state',
      'Circuit breaker: 0 closed, 1 half-open, 2 open',
      ['destination'],
    );
    this.latencySeconds = registry.histogram(
      'syncline_delivery_latency_seconds',
      'Change observed by the sync-worker -> accepted by the CRM',
      ['destination'],
      [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    );
    this.deadLetters = registry.counter(
      'syncline_delivery_dead_letters_total',
      'Records dead-lettered, by error class',
      ['destination', 'error_class'],
    );
  }
}
