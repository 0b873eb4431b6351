/**
 * A SOQL datetime literal (unquoted, UTC, whole seconds). Rounded down, so `>=` still includes
 * everything at or after `date`.
 */
export function soqlDatetime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
