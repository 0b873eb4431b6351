import { MetricsRegistry } from '@syncline/observability';

/** Metric names agreed for issue 15 (docs/notifications.md, Metrics). */
export class NotificationsMetrics {
  readonly events;
  readonly sent;

  constructor(registry: MetricsRegistry) {
    this.events = registry.counter(
      'syncline_notification_events_total',
      'Problems tenants are told about, by kind (dead-lettered records count one each)',
      ['kind'],
    );
    this.sent = registry.counter(
      'syncline_notifications_sent_total',
      'Notification sending attempts by channel kind and outcome (sent, failed)',
      ['channel', 'outcome'],
    );
  }
}
