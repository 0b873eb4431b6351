import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The control plane: tenants, their CRM destinations (credentials encrypted), entity mappings, and
 * the per-record delivery log. Not in the CDC publication: Debezium never sees these tables.
 */
export class ControlPlane1763900000001 implements MigrationInterface {
  name = 'ControlPlane1763900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenants (
        id          text PRIMARY KEY,
        name        text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE destinations (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id              text NOT NULL REFERENCES tenants (id),
        name                   text NOT NULL,
        kind                   text NOT NULL CONSTRAINT ck_destinations_kind CHECK (kind IN ('hubspot', 'salesforce', 'rest')),
        base_url               text NOT NULL,
        credentials_encrypted  text NOT NULL,
        options                jsonb NOT NULL DEFAULT '{}',
        rate_limit             jsonb NOT NULL,
        mirror                 boolean NOT NULL DEFAULT false,
        paused                 boolean NOT NULL DEFAULT false,
        version                integer NOT NULL DEFAULT 1,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_destinations_tenant_id ON destinations (tenant_id);

      CREATE TABLE entity_mappings (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id       text NOT NULL REFERENCES tenants (id),
        entity          text NOT NULL,
        destination_id  uuid NOT NULL REFERENCES destinations (id) ON DELETE CASCADE,
        document        jsonb NOT NULL,
        version         integer NOT NULL DEFAULT 1,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_entity_mappings_tenant_entity_destination UNIQUE (tenant_id, entity, destination_id)
      );

      CREATE TABLE delivery_log (
        destination_id     uuid NOT NULL REFERENCES destinations (id) ON DELETE CASCADE,
        tenant_id          text NOT NULL,
        entity             text NOT NULL,
        record_id          text NOT NULL,
        version            bigint NOT NULL,
        operation          text NOT NULL,
        status             text NOT NULL,
        attempts           integer NOT NULL DEFAULT 0,
        error_class        text,
        error              text,
        payload_hash       text,
        delivered_version  bigint,
        identity           text,
        external_id        text,
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_delivery_log PRIMARY KEY (destination_id, tenant_id, entity, record_id)
      );
      CREATE INDEX ix_delivery_log_destination_status ON delivery_log (destination_id, status, updated_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE delivery_log;
      DROP TABLE entity_mappings;
      DROP TABLE destinations;
      DROP TABLE tenants;
    `);
  }
}
