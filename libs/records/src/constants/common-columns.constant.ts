import { ColumnDefinition } from '../types/column-definition.type';

// Tenant ids become part of cache keys: the same alphabet the key builder accepts.
export const TENANT_ID_PATTERN = '^[A-Za-z0-9._@-]{1,128}$';

/** Columns every synced table has, in the shape `SyncedRecordEntity` declares. */
export const COMMON_COLUMNS: Readonly<Record<string, ColumnDefinition>> = {
  tenant_id: {
    kind: 'text',
    nullable: false,
    generated: true,
    schema: { pattern: TENANT_ID_PATTERN },
  },
  id: {
    kind: 'uuid',
    nullable: false,
    hasDefault: true,
    immutable: true,
    schema: { format: 'uuid' },
  },
  version: { kind: 'bigint', nullable: false, generated: true, schema: { minimum: 1 } },
  custom_fields: { kind: 'jsonb', nullable: false, hasDefault: true },
  created_at: { kind: 'timestamptz', nullable: false, generated: true },
  updated_at: { kind: 'timestamptz', nullable: false, generated: true },
};
