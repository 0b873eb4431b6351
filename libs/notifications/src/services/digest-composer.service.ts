import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DIGEST_LIMITS } from '../constants/digest-limits.constant';
import { StoredNotificationEvent } from '../types/stored-notification-event.type';
import { buildDigest } from '../utils/build-digest.util';

interface ChannelRow {
  id: string;
  tenant: string;
  name: string;
}

/**
 * Turns pending events into digests, at most one per channel per window. A channel whose last
 * digest is not sent yet gets none: its events wait and join the next one, so a receiver that is
 * down is not buried under a backlog of digests. Channels are claimed with FOR NO KEY UPDATE SKIP
 * LOCKED, so replicas compose different channels and never the same digest twice; NO KEY keeps
 * event writers (whose foreign key takes KEY SHARE on the channel) from blocking on it.
 */
export class DigestComposer {
  constructor(private readonly dataSource: DataSource) {}

  /** Composes the digests that are due; returns how many. */
  async composeDue(windowMs: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const channels = await manager.query<ChannelRow[]>(
        `SELECT c.id, c.tenant_id AS tenant, c.name
           FROM syncline.notification_channels c
          WHERE c.enabled
            AND (c.last_digest_at IS NULL OR c.last_digest_at <= now() - $1 * interval '1 millisecond')
            AND EXISTS (SELECT 1 FROM syncline.notification_events e
                         WHERE e.channel_id = c.id AND e.notification_id IS NULL)
            AND NOT EXISTS (SELECT 1 FROM syncline.notifications n
                             WHERE n.channel_id = c.id AND n.status = 'pending')
          ORDER BY c.last_digest_at NULLS FIRST, c.id
          LIMIT $2
          FOR NO KEY UPDATE OF c SKIP LOCKED`,
        [windowMs, DIGEST_LIMITS.channelsPerTick],
      );
      for (const channel of channels) await this.compose(manager, channel);
      return channels.length;
    });
  }

  private async compose(manager: EntityManager, channel: ChannelRow): Promise<void> {
    const events = await manager.query<(StoredNotificationEvent & { id: string })[]>(
      `SELECT id, tenant_id AS tenant, kind, destination_id AS "destinationId",
              destination_name AS "destinationName", reason, count, samples, hint,
              first_at AS "firstAt", last_at AS "lastAt"
         FROM syncline.notification_events
        WHERE channel_id = $1 AND notification_id IS NULL
        ORDER BY id
          FOR UPDATE`,
      [channel.id],
    );
    const id = randomUUID();
    const digest = buildDigest(
      id,
      channel,
      events.map((event) => ({ ...event, hint: event.hint ?? undefined })),
      new Date(),
    );
    await manager.query(
      `INSERT INTO syncline.notifications (id, channel_id, tenant_id, payload, event_count)
       VALUES ($1, $2, $3, $4::jsonb, $5)`,
      [id, channel.id, channel.tenant, JSON.stringify(digest), digest.summary.events],
    );
    await manager.query(
      `UPDATE syncline.notification_events SET notification_id = $1 WHERE id = ANY($2::bigint[])`,
      [id, events.map((event) => event.id)],
    );
    await manager.query(
      `UPDATE syncline.notification_channels SET last_digest_at = now() WHERE id = $1`,
      [channel.id],
    );
  }
}
