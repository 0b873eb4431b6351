/** Values of the Postgres enum `company_industry`. Adding one needs a migration. */
export const COMPANY_INDUSTRIES = [
  'technology',
  'finance',
  'healthcare',
  'manufacturing',
  'retail',
  'education',
  'media',
  'other',
] as const;
