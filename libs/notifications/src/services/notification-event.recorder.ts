import { DataSource } from 'typeorm';
import { DIGEST_LIMITS } from '../constants/digest-limits.constant';
import { NotificationEvent } from '../types/notification-event.type';
import { NotificationsMetrics } from './notifications.metrics';

/**
 * Records events durably for every enabled channel of their tenant, in one transaction. A pending
 * event of the same channel, kind, destination and reason absorbs the new one (count added,
 * samples kept up to DIGEST_LIMITS.samplesPerGroup): a storm of dead letters is one growing row,
 * not thousands. A tenant without channels records nothing (the metric still counts).
 */
export class NotificationEventRecorder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: NotificationsMetrics,
  ) {}

  async record(events: readonly NotificationEvent[]): Promise<void> {
    if (events.length === 0) return;
    // One lock order for every writer: concurrent batches never deadlock on the pending rows.
    const ordered = [...events].sort((a, b) =>
      `${a.tenant}\u0000${a.kind}\u0000${a.destinationId}\u0000${a.reason}`.localeCompare(
        `${b.tenant}\u0000${b.kind}\u0000${b.destinationId}\u0000${b.reason}`,
      ),
    );
    await this.dataSource.transaction(async (manager) => {
      for (const event of ordered) {
        await manager.query(
          `INSERT INTO syncline.notification_events AS e
                  (channel_id, tenant_id, kind, destination_id, destination_name, reason, count, samples, hint)
           SELECT c.id, $1, $2, $3, $4, $5, $6, $7::jsonb, $8
             FROM syncline.notification_channels c
            WHERE c.tenant_id = $1 AND c.enabled
            ORDER BY c.id
           ON CONFLICT (channel_id, kind, destination_id, reason) WHERE notification_id IS NULL
           DO UPDATE SET count = e.count + EXCLUDED.count,
                         last_at = now(),
                         destination_name = EXCLUDED.destination_name,
                         hint = COALESCE(EXCLUDED.hint, e.hint),
                         samples = (SELECT COALESCE(jsonb_agg(s.value ORDER BY s.n), '[]'::jsonb)
                                      FROM jsonb_array_elements(e.samples || EXCLUDED.samples)
                                           WITH ORDINALITY AS s(value, n)
                                     WHERE s.n <= $9)`,
          [
            event.tenant,
            event.kind,
            event.destinationId,
            event.destinationName,
            event.reason,
            event.count,
            JSON.stringify(event.samples.slice(0, DIGEST_LIMITS.samplesPerGroup)),
            event.hint ?? null,
            DIGEST_LIMITS.samplesPerGroup,
          ],
        );
      }
    });
    for (const event of events) this.metrics.events.inc({ kind: event.kind }, event.count);
  }
}
