/** Values of the Postgres enum `contact_lifecycle_stage`. Adding one needs a migration. */
export const CONTACT_LIFECYCLE_STAGES = [
  'subscriber',
  'lead',
  'opportunity',
  'customer',
  'other',
] as const;
