import { getConfig } from '@syncline/config';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * System A: companies, contacts, deals, plus what CDC needs (publication, replica identity,
 * grants to the Debezium role). Frozen history: names are spelled out, not imported.
 *
 * No foreign keys, on purpose: every key is (tenant_id, id), and a reference is only meaningful
 * within its own tenant, so the composite key (not a FK to a global id) is what keeps tenants
 * apart; FKs would also order and couple writes that CDC and the CRMs treat independently.
 */
export class InitSystemA1763900000000 implements MigrationInterface {
  name = 'InitSystemA1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE company_industry AS ENUM
        ('technology', 'finance', 'healthcare', 'manufacturing', 'retail', 'education', 'media', 'other');
      CREATE TYPE contact_lifecycle_stage AS ENUM
        ('subscriber', 'lead', 'opportunity', 'customer', 'other');
      CREATE TYPE contact_status AS ENUM ('active', 'inactive', 'archived');
      CREATE TYPE deal_stage AS ENUM
        ('appointment_scheduled', 'qualified', 'proposal', 'closed_won', 'closed_lost');

      -- Row versions come from one sequence, set by a trigger on every insert and update, whoever
      -- issues it (TypeORM, psql, a backfill): the cache and the CRMs order changes by them. One
      -- sequence rather than "old + 1" so that a row deleted and inserted again with the same key
      -- gets a version above its tombstone's, and the cache does not ignore it as stale.
      CREATE SEQUENCE syncline_record_version AS bigint;
      CREATE FUNCTION syncline_bump_version() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        NEW.version := nextval('syncline_record_version');
        IF TG_OP = 'UPDATE' THEN
          NEW.updated_at := now();
        END IF;
        RETURN NEW;
      END
      $fn$;

      CREATE TABLE companies (
        tenant_id       text NOT NULL,
        id              uuid NOT NULL DEFAULT gen_random_uuid(),
        name            text NOT NULL,
        domain          text,
        industry        company_industry,
        employee_count  integer CONSTRAINT ck_companies_employee_count CHECK (employee_count >= 0),
        annual_revenue  numeric(18,2),
        is_customer     boolean NOT NULL DEFAULT false,
        description     text,
        custom_fields   jsonb NOT NULL DEFAULT '{}',
        version         bigint NOT NULL DEFAULT nextval('syncline_record_version'),
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_companies PRIMARY KEY (tenant_id, id)
      );

      CREATE TABLE contacts (
        tenant_id          text NOT NULL,
        id                 uuid NOT NULL DEFAULT gen_random_uuid(),
        company_id         uuid,
        email              text NOT NULL,
        first_name         text,
        last_name          text,
        phone              text,
        lifecycle_stage    contact_lifecycle_stage NOT NULL DEFAULT 'lead',
        status             contact_status NOT NULL DEFAULT 'active',
        lead_score         integer NOT NULL DEFAULT 0,
        do_not_contact     boolean NOT NULL DEFAULT false,
        last_contacted_at  timestamptz,
        notes              text,
        custom_fields      jsonb NOT NULL DEFAULT '{}',
        version            bigint NOT NULL DEFAULT nextval('syncline_record_version'),
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_contacts PRIMARY KEY (tenant_id, id),
        CONSTRAINT uq_contacts_tenant_id_email UNIQUE (tenant_id, email)
      );
      CREATE INDEX ix_contacts_tenant_id_company_id ON contacts (tenant_id, company_id);

      CREATE TABLE deals (
        tenant_id    text NOT NULL,
        id           uuid NOT NULL DEFAULT gen_random_uuid(),
        company_id   uuid,
        contact_id   uuid,
        name         text NOT NULL,
        stage        deal_stage NOT NULL DEFAULT 'appointment_scheduled',
        amount       numeric(18,2),
        currency     char(3) NOT NULL DEFAULT 'USD'
                     CONSTRAINT ck_deals_currency CHECK (currency ~ '^[A-Z]{3}$'),
        close_date   date,
        is_closed    boolean NOT NULL DEFAULT false,
        description  text,
        custom_fields jsonb NOT NULL DEFAULT '{}',
        version      bigint NOT NULL DEFAULT nextval('syncline_record_version'),
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_deals PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX ix_deals_tenant_id_company_id ON deals (tenant_id, company_id);
      CREATE INDEX ix_deals_tenant_id_contact_id ON deals (tenant_id, contact_id);

      CREATE TRIGGER trg_companies_bump_version BEFORE INSERT OR UPDATE ON companies
        FOR EACH ROW EXECUTE FUNCTION syncline_bump_version();
      CREATE TRIGGER trg_contacts_bump_version BEFORE INSERT OR UPDATE ON contacts
        FOR EACH ROW EXECUTE FUNCTION syncline_bump_version();
      CREATE TRIGGER trg_deals_bump_version BEFORE INSERT OR UPDATE ON deals
        FOR EACH ROW EXECUTE FUNCTION syncline_bump_version();

      -- Full old rows in the WAL: update/delete events carry every column in "before", and
      -- Debezium can fill unchanged TOASTed columns from it instead of a placeholder value.
      ALTER TABLE companies REPLICA IDENTITY FULL;
      ALTER TABLE contacts REPLICA IDENTITY FULL;
      ALTER TABLE deals REPLICA IDENTITY FULL;

      -- Debezium runs with publication.autocreate.mode=disabled, so its role needs no ownership.
      DO $pub$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'syncline_cdc') THEN
          CREATE PUBLICATION syncline_cdc FOR TABLE companies, contacts, deals;
        END IF;
      END
      $pub$;
    `);
    await q.query(cdcGrants('GRANT SELECT ON TABLE companies, contacts, deals TO %I'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(cdcGrants('REVOKE SELECT ON TABLE companies, contacts, deals FROM %I'));
    await q.query(`
      DROP PUBLICATION IF EXISTS syncline_cdc;
      DROP TABLE deals;
      DROP TABLE contacts;
      DROP TABLE companies;
      DROP FUNCTION syncline_bump_version();
      DROP SEQUENCE syncline_record_version;
      DROP TYPE deal_stage;
      DROP TYPE contact_status;
      DROP TYPE contact_lifecycle_stage;
      DROP TYPE company_industry;
    `);
  }
}

/**
 * Runs `statement` (with %I for the role) against the Debezium role if it exists. The local stack
 * creates it (REPLICATION LOGIN, nothing else) before migrating; on a managed database an
 * operator does. Without the role there is nothing to grant, and that is not an error.
 */
function cdcGrants(statement: string): string {
  // config validated it as a plain identifier, so it is safe inside a SQL literal
  const role = getConfig().postgres.cdcRole;
  return `
    DO $grant$
    DECLARE cdc_role text := '${role}';
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = cdc_role) THEN
        EXECUTE format('${statement}', cdc_role);
      ELSE
        RAISE NOTICE 'role % does not exist: skipping CDC grants', cdc_role;
      END IF;
    END
    $grant$;
  `;
}
