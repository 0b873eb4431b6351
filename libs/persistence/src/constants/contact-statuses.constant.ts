/** Values of the Postgres enum `contact_status`. Adding one needs a migration. */
export const CONTACT_STATUSES = ['active', 'inactive', 'archived'] as const;
