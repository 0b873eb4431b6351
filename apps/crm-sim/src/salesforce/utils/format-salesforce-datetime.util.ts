/** Salesforce's JSON datetime: 2024-01-01T00:00:00.000+0000. */
export function formatSalesforceDatetime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
