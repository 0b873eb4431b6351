/**
 * A SOQL datetime literal that equals the instant exactly (for keyset `=` comparisons): whole
 * seconds when the milliseconds are zero, as Salesforce stamps its records, else with them.
 */
export function soqlDatetimeExact(date: Date): string {
  const iso = date.toISOString();
  return date.getUTCMilliseconds() === 0 ? `${iso.slice(0, 19)}Z` : iso;
}
