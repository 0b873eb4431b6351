import { DataSource } from 'typeorm';
import { DueNotification } from '../types/due-notification.type';
import { NotificationPage } from '../types/notification-page.type';
import { NotificationRecord } from '../types/notification-record.type';

const COLUMNS = `id, channel_id AS "channelId", tenant_id AS tenant, status, event_count AS "eventCount",
  attempts, last_error AS "lastError", created_at AS "createdAt", sent_at AS "sentAt",
  next_attempt_at AS "nextAttemptAt", payload`;

/**
 * The notifications table as an outbox: claim what is due (with a lease, so a replica that dies
 * mid-send leaves it to be sent again once the lease runs out), then settle each as sent, failed
 * or due again later. Also the admin API's history, newest first, paged by cursor.
 */
export class NotificationOutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Up to `limit` due notifications of enabled channels, leased for `leaseMs`. */
  async claimDue(leaseMs: number, limit: number): Promise<DueNotification[]> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows] = await this.dataSource.query<[DueNotification[], number]>(
      `UPDATE syncline.notifications n
          SET attempts = n.attempts + 1, next_attempt_at = now() + $1 * interval '1 millisecond'
        WHERE n.id IN (SELECT d.id FROM syncline.notifications d
                         JOIN syncline.notification_channels c ON c.id = d.channel_id AND c.enabled
                        WHERE d.status = 'pending' AND d.next_attempt_at <= now()
                        ORDER BY d.next_attempt_at
                        LIMIT $2
                          FOR UPDATE OF d SKIP LOCKED)
        RETURNING n.id, n.channel_id AS "channelId", n.payload, n.attempts`,
      [leaseMs, limit],
    );
    return rows;
  }

  async markSent(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE syncline.notifications SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1`,
      [id],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE syncline.notifications SET status = 'failed', last_error = $2 WHERE id = $1`,
      [id, error.slice(0, 2000)],
    );
  }

  async retryLater(id: string, delayMs: number, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE syncline.notifications
          SET next_attempt_at = now() + $2 * interval '1 millisecond', last_error = $3
        WHERE id = $1 AND status = 'pending'`,
      [id, delayMs, error.slice(0, 2000)],
    );
  }

  /** A tenant's notifications, newest first; `cursor` is the last id of the previous page. */
  async list(
    tenant: string,
    { limit, cursor, channelId }: { limit: number; cursor?: string; channelId?: string },
  ): Promise<NotificationPage> {
    const rows = await this.dataSource.query<NotificationRecord[]>(
      `SELECT ${COLUMNS} FROM syncline.notifications
        WHERE tenant_id = $1
          AND ($2::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM syncline.notifications WHERE id = $2))
          AND ($3::uuid IS NULL OR channel_id = $3)
        ORDER BY created_at DESC, id DESC
        LIMIT $4`,
      [tenant, cursor ?? null, channelId ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map((row) => ({
      ...row,
      createdAt: iso(row.createdAt),
      sentAt: row.sentAt === null ? null : iso(row.sentAt),
      nextAttemptAt: iso(row.nextAttemptAt),
    }));
    return { items, next: rows.length > limit ? items[items.length - 1].id : null };
  }
}

function iso(value: string | Date): string {
  return new Date(value).toISOString();
}
