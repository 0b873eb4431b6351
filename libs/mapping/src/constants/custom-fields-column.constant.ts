/** The jsonb column whose keys a mapping may address as `custom_fields.<key>`. */
export const CUSTOM_FIELDS_COLUMN = 'custom_fields';
