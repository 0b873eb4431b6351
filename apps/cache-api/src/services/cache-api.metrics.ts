import { MetricsRegistry } from '@syncline/observability';

/** What an operator watches on the cache-api. */
export class CacheApiMetrics {
  readonly lookups;
  readonly requestSeconds;
  readonly writes;
  readonly webhookRequests;
  readonly webhookHints;

  constructor(readonly registry: MetricsRegistry) {
    this.lookups = registry.counter(
      'syncline_cache_api_lookups_total',
      'Record lookups by result: hit, miss (loaded from Postgres), tombstone, not_found',
      ['entity', 'result'],
    );
    this.writes = registry.counter(
      'syncline_cache_api_writes_total',
      'Write-throughs by operation and outcome',
      ['entity', 'operation', 'outcome'],
    );
    this.webhookRequests = registry.counter(
      'syncline_inbound_webhook_requests_total',
      'Inbound webhook requests by result: accepted, bad_signature, unknown_destination (destination "unknown" when no such id), bad_request, unavailable',
      ['destination', 'result'],
    );
    this.webhookHints = registry.counter(
      'syncline_inbound_webhook_hints_total',
      'Events of accepted webhooks by kind: change and deletion (hints produced), unmapped (no two-way mapping names the object), unreadable',
      ['destination', 'kind'],
    );
    this.requestSeconds = registry.histogram(
      'syncline_cache_api_request_duration_seconds',
      'HTTP request latency',
      ['method', 'route', 'status'],
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    );
  }
}
