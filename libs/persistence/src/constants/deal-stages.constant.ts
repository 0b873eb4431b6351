/** Values of the Postgres enum `deal_stage`. Adding one needs a migration. */
export const DEAL_STAGES = [
  'appointment_scheduled',
  'qualified',
  'proposal',
  'closed_won',
  'closed_lost',
] as const;
