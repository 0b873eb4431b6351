/** Tenant-defined fields stored in the `custom_fields jsonb` column (a JSON object). */
export type CustomFields = Record<string, unknown>;
