import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Syncline's own tables, all in the `syncline` schema of the control-plane database: tenants,
 * their CRM destinations (credentials encrypted), mappings, the per-record delivery log and the
 * reconciler's runs. Never in the CDC publication: Debezium never sees them.
 *
 * History was rewritten for issue 12 (nothing had been released): the first migrations also
 * created the demo's tables in `public`, which are now a fixture (scripts/fixtures/demo). An
 * install made before keeps its old public tables untouched; this migration runs anew because its
 * migrations table (syncline.syncline_migrations) is new. Frozen from here: names are spelled out.
 */
export class ControlPlane1764800000000 implements MigrationInterface {
  name = 'ControlPlane1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE SCHEMA IF NOT EXISTS syncline;

      CREATE TABLE syncline.tenants (
        id          text PRIMARY KEY,
        name        text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE syncline.destinations (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id              text NOT NULL CONSTRAINT destinations_tenant_id_fkey REFERENCES syncline.tenants (id),
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
      CREATE INDEX ix_destinations_tenant_id ON syncline.destinations (tenant_id);

      CREATE TABLE syncline.entity_mappings (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id       text NOT NULL CONSTRAINT entity_mappings_tenant_id_fkey REFERENCES syncline.tenants (id),
        entity          text NOT NULL,
        destination_id  uuid NOT NULL CONSTRAINT entity_mappings_destination_id_fkey
                        REFERENCES syncline.destinations (id) ON DELETE CASCADE,
        document        jsonb NOT NULL,
        version         integer NOT NULL DEFAULT 1,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_entity_mappings_tenant_entity_destination UNIQUE (tenant_id, entity, destination_id)
      );

      CREATE TABLE syncline.delivery_log (
        destination_id     uuid NOT NULL CONSTRAINT delivery_log_destination_id_fkey
                           REFERENCES syncline.destinations (id) ON DELETE CASCADE,
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
      CREATE INDEX ix_delivery_log_destination_status
        ON syncline.delivery_log (destination_id, status, updated_at);

      CREATE TABLE syncline.reconcile_runs (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind         text NOT NULL CONSTRAINT ck_reconcile_runs_kind CHECK (kind IN ('cache', 'crm')),
        scope        jsonb NOT NULL DEFAULT '{}',
        dry_run      boolean NOT NULL DEFAULT false,
        started_at   timestamptz NOT NULL DEFAULT now(),
        finished_at  timestamptz,
        status       text NOT NULL DEFAULT 'running'
                     CONSTRAINT ck_reconcile_runs_status CHECK (status IN ('running', 'succeeded', 'partial', 'failed')),
        summary      jsonb,
        errors       jsonb NOT NULL DEFAULT '[]'
      );
      CREATE INDEX ix_reconcile_runs_kind_started_at ON syncline.reconcile_runs (kind, started_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE syncline.reconcile_runs;
      DROP TABLE syncline.delivery_log;
      DROP TABLE syncline.entity_mappings;
      DROP TABLE syncline.destinations;
      DROP TABLE syncline.tenants;
    `);
  }
}
