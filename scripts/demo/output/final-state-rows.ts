/** One record's line in the final table: what each hop holds and whether they agree. */
export interface FinalStateEntry {
  label: string;
  entity: string;
  hops: { postgres: string; redis: string; hubspot?: string; salesforce?: string };
  problems: readonly string[];
}

export const FINAL_STATE_HEADER = [
  'record',
  'Postgres',
  'Redis',
  'HubSpot',
  'Salesforce',
  'agree',
] as const;

/** The final table's rows; a CRM the entity is not mapped to shows a dash. */
export function finalStateRows(entries: readonly FinalStateEntry[]): string[][] {
  return entries.map((entry) => [
    `${entry.entity} ${entry.label}`,
    entry.hops.postgres,
    entry.hops.redis,
    entry.hops.hubspot ?? '-',
    entry.hops.salesforce ?? '-',
    entry.problems.length === 0 ? 'yes' : `NO: ${entry.problems.join('; ')}`,
  ]);
}
