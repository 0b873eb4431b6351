import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenant notifications (issue 15): each tenant's channels (a signed webhook or an email list; the
 * webhook secret sealed like destination credentials), the events they are told about (pending
 * ones aggregated per channel, kind, destination and reason, so a storm is one growing row), and
 * the digests sent (what, when, to which channel, outcome). Frozen: names are spelled out.
 */
export class Notifications1764900000000 implements MigrationInterface {
  name = 'Notifications1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE syncline.notification_channels (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id         text NOT NULL CONSTRAINT notification_channels_tenant_id_fkey
                          REFERENCES syncline.tenants (id) ON DELETE CASCADE,
        name              text NOT NULL,
        kind              text NOT NULL CONSTRAINT ck_notification_channels_kind CHECK (kind IN ('webhook', 'email')),
        url               text,
        secret_encrypted  text,
        recipients        jsonb NOT NULL DEFAULT '[]',
        enabled           boolean NOT NULL DEFAULT true,
        last_digest_at    timestamptz,
        version           integer NOT NULL DEFAULT 1,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_notification_channels_webhook CHECK (kind <> 'webhook' OR (url IS NOT NULL AND secret_encrypted IS NOT NULL))
      );
      CREATE INDEX ix_notification_channels_tenant_id ON syncline.notification_channels (tenant_id);

      CREATE TABLE syncline.notifications (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel_id       uuid NOT NULL CONSTRAINT notifications_channel_id_fkey
                         REFERENCES syncline.notification_channels (id) ON DELETE CASCADE,
        tenant_id        text NOT NULL,
        status           text NOT NULL DEFAULT 'pending'
                         CONSTRAINT ck_notifications_status CHECK (status IN ('pending', 'sent', 'failed')),
        payload          jsonb NOT NULL,
        event_count      integer NOT NULL,
        attempts         integer NOT NULL DEFAULT 0,
        last_error       text,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        created_at       timestamptz NOT NULL DEFAULT now(),
        sent_at          timestamptz
      );
      CREATE INDEX ix_notifications_tenant_created ON syncline.notifications (tenant_id, created_at DESC, id DESC);
      CREATE INDEX ix_notifications_due ON syncline.notifications (next_attempt_at) WHERE status = 'pending';

      CREATE TABLE syncline.notification_events (
        id                bigserial PRIMARY KEY,
        channel_id        uuid NOT NULL CONSTRAINT notification_events_channel_id_fkey
                          REFERENCES syncline.notification_channels (id) ON DELETE CASCADE,
        tenant_id         text NOT NULL,
        kind              text NOT NULL CONSTRAINT ck_notification_events_kind
                          CHECK (kind IN ('dead_letter', 'credentials_rejected', 'destination_held')),
        destination_id    uuid NOT NULL,
        destination_name  text NOT NULL,
        reason            text NOT NULL,
        count             integer NOT NULL,
        samples           jsonb NOT NULL DEFAULT '[]',
        hint              text,
        first_at          timestamptz NOT NULL DEFAULT now(),
        last_at           timestamptz NOT NULL DEFAULT now(),
        notification_id   uuid CONSTRAINT notification_events_notification_id_fkey
                          REFERENCES syncline.notifications (id) ON DELETE CASCADE
      );
      CREATE UNIQUE INDEX uq_notification_events_pending
        ON syncline.notification_events (channel_id, kind, destination_id, reason) WHERE notification_id IS NULL;
      CREATE INDEX ix_notification_events_notification_id ON syncline.notification_events (notification_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE syncline.notification_events;
      DROP TABLE syncline.notifications;
      DROP TABLE syncline.notification_channels;
    `);
  }
}
