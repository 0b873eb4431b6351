-- The demo's CRM schema: companies, contacts and deals of many tenants, uuid keys within a
-- tenant, a version column kept by a trigger. A fixture like any user's tables: Syncline's code
-- does not know it; scripts/fixtures/collections.yaml declares it. Idempotent: safe to apply again.
--
-- No foreign keys, on purpose: every key is (tenant_id, id), and a reference is only meaningful
-- within its own tenant; FKs would also order and couple writes that CDC and the CRMs treat
-- independently.

DO $types$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'company_industry') THEN
    CREATE TYPE public.company_industry AS ENUM
      ('technology', 'finance', 'healthcare', 'manufacturing', 'retail', 'education', 'media', 'other');
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'contact_lifecycle_stage') THEN
    CREATE TYPE public.contact_lifecycle_stage AS ENUM
      ('subscriber', 'lead', 'opportunity', 'customer', 'other');
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'contact_status') THEN
    CREATE TYPE public.contact_status AS ENUM ('active', 'inactive', 'archived');
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'deal_stage') THEN
    CREATE TYPE public.deal_stage AS ENUM
      ('appointment_scheduled', 'qualified', 'proposal', 'closed_won', 'closed_lost');
  END IF;
END
$types$;

-- Row versions come from one sequence, set by a trigger on every insert and update, whoever
-- issues it: the cache and the CRMs order changes by them. One sequence rather than "old + 1" so
-- that a row deleted and inserted again with the same key gets a version above its tombstone's.
CREATE SEQUENCE IF NOT EXISTS public.syncline_record_version AS bigint;
CREATE OR REPLACE FUNCTION public.syncline_bump_version() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.version := nextval('public.syncline_record_version');
  IF TG_OP = 'UPDATE' THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END
$fn$;

CREATE TABLE IF NOT EXISTS public.companies (
  tenant_id       text NOT NULL,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  name            text NOT NULL,
  domain          text,
  industry        public.company_industry,
  employee_count  integer CONSTRAINT ck_companies_employee_count CHECK (employee_count >= 0),
  annual_revenue  numeric(18,2),
  is_customer     boolean NOT NULL DEFAULT false,
  description     text,
  custom_fields   jsonb NOT NULL DEFAULT '{}',
  version         bigint NOT NULL DEFAULT nextval('public.syncline_record_version'),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT pk_companies PRIMARY KEY (tenant_id, id)
);

CREATE TABLE IF NOT EXISTS public.contacts (
  tenant_id          text NOT NULL,
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  company_id         uuid,
  email              text NOT NULL,
  first_name         text,
  last_name          text,
  phone              text,
  lifecycle_stage    public.contact_lifecycle_stage NOT NULL DEFAULT 'lead',
  status             public.contact_status NOT NULL DEFAULT 'active',
  lead_score         integer NOT NULL DEFAULT 0,
  do_not_contact     boolean NOT NULL DEFAULT false,
  last_contacted_at  timestamptz,
  notes              text,
  custom_fields      jsonb NOT NULL DEFAULT '{}',
  version            bigint NOT NULL DEFAULT nextval('public.syncline_record_version'),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT pk_contacts PRIMARY KEY (tenant_id, id),
  CONSTRAINT uq_contacts_tenant_id_email UNIQUE (tenant_id, email)
);
CREATE INDEX IF NOT EXISTS ix_contacts_tenant_id_company_id ON public.contacts (tenant_id, company_id);

CREATE TABLE IF NOT EXISTS public.deals (
  tenant_id      text NOT NULL,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  company_id     uuid,
  contact_id     uuid,
  name           text NOT NULL,
  stage          public.deal_stage NOT NULL DEFAULT 'appointment_scheduled',
  amount         numeric(18,2),
  currency       char(3) NOT NULL DEFAULT 'USD'
                 CONSTRAINT ck_deals_currency CHECK (currency ~ '^[A-Z]{3}$'),
  close_date     date,
  is_closed      boolean NOT NULL DEFAULT false,
  description    text,
  custom_fields  jsonb NOT NULL DEFAULT '{}',
  version        bigint NOT NULL DEFAULT nextval('public.syncline_record_version'),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT pk_deals PRIMARY KEY (tenant_id, id)
);
CREATE INDEX IF NOT EXISTS ix_deals_tenant_id_company_id ON public.deals (tenant_id, company_id);
CREATE INDEX IF NOT EXISTS ix_deals_tenant_id_contact_id ON public.deals (tenant_id, contact_id);

DROP TRIGGER IF EXISTS trg_companies_bump_version ON public.companies;
CREATE TRIGGER trg_companies_bump_version BEFORE INSERT OR UPDATE ON public.companies
  FOR EACH ROW EXECUTE FUNCTION public.syncline_bump_version();
DROP TRIGGER IF EXISTS trg_contacts_bump_version ON public.contacts;
CREATE TRIGGER trg_contacts_bump_version BEFORE INSERT OR UPDATE ON public.contacts
  FOR EACH ROW EXECUTE FUNCTION public.syncline_bump_version();
DROP TRIGGER IF EXISTS trg_deals_bump_version ON public.deals;
CREATE TRIGGER trg_deals_bump_version BEFORE INSERT OR UPDATE ON public.deals
  FOR EACH ROW EXECUTE FUNCTION public.syncline_bump_version();

-- Full old rows in the WAL: update/delete events carry every column in "before", and Debezium can
-- fill unchanged TOASTed columns from it instead of a placeholder value.
ALTER TABLE public.companies REPLICA IDENTITY FULL;
ALTER TABLE public.contacts REPLICA IDENTITY FULL;
ALTER TABLE public.deals REPLICA IDENTITY FULL;

-- Published for CDC and readable by the Debezium role (its name in syncline.cdc_role, set by the
-- caller; scripts/stack does). The publication is the one `npm run db:migrate` prepared.
DO $publish$
DECLARE
  cdc_role text := current_setting('syncline.cdc_role', true);
  wanted text;
BEGIN
  FOREACH wanted IN ARRAY ARRAY['public.companies', 'public.contacts', 'public.deals'] LOOP
    IF EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'syncline_cdc' AND NOT puballtables)
       AND NOT EXISTS (SELECT 1 FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid
                        WHERE p.pubname = 'syncline_cdc' AND pr.prrelid = wanted::regclass) THEN
      EXECUTE format('ALTER PUBLICATION syncline_cdc ADD TABLE %s', wanted);
    END IF;
  END LOOP;
  IF cdc_role IS NOT NULL AND cdc_role <> ''
     AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = cdc_role) THEN
    EXECUTE format('GRANT SELECT ON public.companies, public.contacts, public.deals TO %I', cdc_role);
  END IF;
END
$publish$;
