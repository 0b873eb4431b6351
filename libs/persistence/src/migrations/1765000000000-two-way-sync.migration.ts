import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-way sync (issue 16). `remote_records`: per destination and record, what the destination
 * holds as far as Syncline knows (the values last sent, merged with the values last read from it,
 * in mapped form), and an inbound change on its way into the source (`pending`); it is what makes
 * an echo recognisable in both directions; `deleted_at` marks a record deleted at the
 * destination (never re-created there by a later send). `inbound_cursors`: each polled object's position.
 * `inbound_log`: the latest inbound outcome per CRM record, beside the delivery log. Frozen:
 * names are spelled out.
 */
export class TwoWaySync1765000000000 implements MigrationInterface {
  name = 'TwoWaySync1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE syncline.remote_records (
        destination_id      uuid NOT NULL CONSTRAINT remote_records_destination_id_fkey
                            REFERENCES syncline.destinations (id) ON DELETE CASCADE,
        tenant_id           text NOT NULL,
        entity              text NOT NULL,
        record_id           text NOT NULL,
        external_id         text,
        known               jsonb NOT NULL DEFAULT '{}',
        remote_modified_at  timestamptz,
        pending             jsonb,
        deleted_at          timestamptz,
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_remote_records PRIMARY KEY (destination_id, tenant_id, entity, record_id)
      );
      CREATE INDEX ix_remote_records_external_id ON syncline.remote_records (destination_id, external_id);

      CREATE TABLE syncline.inbound_cursors (
        destination_id  uuid NOT NULL CONSTRAINT inbound_cursors_destination_id_fkey
                        REFERENCES syncline.destinations (id) ON DELETE CASCADE,
        object          text NOT NULL,
        cursor          jsonb NOT NULL,
        leased_by       text,
        leased_until    timestamptz,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_inbound_cursors PRIMARY KEY (destination_id, object)
      );

      CREATE TABLE syncline.inbound_log (
        destination_id      uuid NOT NULL CONSTRAINT inbound_log_destination_id_fkey
                            REFERENCES syncline.destinations (id) ON DELETE CASCADE,
        object              text NOT NULL,
        external_id         text NOT NULL,
        tenant_id           text,
        entity              text,
        record_id           text,
        outcome             text NOT NULL CONSTRAINT ck_inbound_log_outcome
                            CHECK (outcome IN ('applied', 'unchanged', 'conflict', 'ignored', 'failed')),
        conflicts           jsonb NOT NULL DEFAULT '[]',
        error               text,
        remote_modified_at  timestamptz,
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_inbound_log PRIMARY KEY (destination_id, object, external_id)
      );
      CREATE INDEX ix_inbound_log_destination_outcome
        ON syncline.inbound_log (destination_id, outcome, updated_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE syncline.inbound_log;
      DROP TABLE syncline.inbound_cursors;
      DROP TABLE syncline.remote_records;
    `);
  }
}
