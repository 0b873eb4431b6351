import {
  COMPANY_INDUSTRIES,
  CONTACT_LIFECYCLE_STAGES,
  CONTACT_STATUSES,
  DEAL_STAGES,
} from '@syncline/persistence';
import { EntityDefinition } from '../types/entity-definition.type';
import { COMMON_COLUMNS } from './common-columns.constant';

const MAX_TEXT = { maxLength: 1_000_000 };
const SHORT_TEXT = { maxLength: 1000 };

export const CONTACT: EntityDefinition = {
  name: 'contact',
  table: 'contacts',
  columns: {
    ...COMMON_COLUMNS,
    company_id: { kind: 'uuid', nullable: true, schema: { format: 'uuid' } },
    email: { kind: 'text', nullable: false, schema: { format: 'email', maxLength: 320 } },
    first_name: { kind: 'text', nullable: true, schema: SHORT_TEXT },
    last_name: { kind: 'text', nullable: true, schema: SHORT_TEXT },
    phone: { kind: 'text', nullable: true, schema: { maxLength: 64 } },
    lifecycle_stage: {
      kind: 'enum',
      nullable: false,
      values: CONTACT_LIFECYCLE_STAGES,
      hasDefault: true,
    },
    status: { kind: 'enum', nullable: false, values: CONTACT_STATUSES, hasDefault: true },
    lead_score: { kind: 'integer', nullable: false, hasDefault: true },
    do_not_contact: { kind: 'boolean', nullable: false, hasDefault: true },
    last_contacted_at: { kind: 'timestamptz', nullable: true },
    notes: { kind: 'text', nullable: true, schema: MAX_TEXT },
  },
};

export const COMPANY: EntityDefinition = {
  name: 'company',
  table: 'companies',
  columns: {
    ...COMMON_COLUMNS,
    name: { kind: 'text', nullable: false, schema: { minLength: 1, ...SHORT_TEXT } },
    domain: { kind: 'text', nullable: true, schema: { maxLength: 253 } },
    industry: { kind: 'enum', nullable: true, values: COMPANY_INDUSTRIES },
    employee_count: { kind: 'integer', nullable: true, schema: { minimum: 0 } },
    annual_revenue: { kind: 'numeric', nullable: true },
    is_customer: { kind: 'boolean', nullable: false, hasDefault: true },
    description: { kind: 'text', nullable: true, schema: MAX_TEXT },
  },
};

export const DEAL: EntityDefinition = {
  name: 'deal',
  table: 'deals',
  columns: {
    ...COMMON_COLUMNS,
    company_id: { kind: 'uuid', nullable: true, schema: { format: 'uuid' } },
    contact_id: { kind: 'uuid', nullable: true, schema: { format: 'uuid' } },
    name: { kind: 'text', nullable: false, schema: { minLength: 1, ...SHORT_TEXT } },
    stage: { kind: 'enum', nullable: false, values: DEAL_STAGES, hasDefault: true },
    amount: { kind: 'numeric', nullable: true },
    currency: {
      kind: 'text',
      nullable: false,
      hasDefault: true,
      schema: { pattern: '^[A-Z]{3}$' },
    },
    close_date: { kind: 'date', nullable: true },
    is_closed: { kind: 'boolean', nullable: false, hasDefault: true },
    description: { kind: 'text', nullable: true, schema: MAX_TEXT },
  },
};

/** Every synced entity. To add one: a TypeORM entity + migration, a definition here, and its table in the publication. */
export const ENTITY_DEFINITIONS: readonly EntityDefinition[] = [CONTACT, COMPANY, DEAL];
