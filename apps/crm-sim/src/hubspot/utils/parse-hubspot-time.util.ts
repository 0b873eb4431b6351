const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const EPOCH_MS = /^-?\d{1,15}$/;

/** Epoch milliseconds from an epoch-ms string, YYYY-MM-DD or an ISO-8601 datetime. */
export function parseHubSpotTime(text: string): number | undefined {
  if (EPOCH_MS.test(text)) return Number(text);
  if (DATE_ONLY.test(text)) return Date.parse(`${text}T00:00:00Z`);
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
