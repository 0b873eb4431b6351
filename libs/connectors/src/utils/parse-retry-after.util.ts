const DELTA_SECONDS = /^\d+(\.\d+)?$/;

/**
 * `Retry-After` in milliseconds from now: delta-seconds (`"2"`, `"1.5"`) or an HTTP date
 * (`"Wed, 21 Oct 2015 07:28:00 GMT"`; a date in the past means 0). Anything else: undefined.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (DELTA_SECONDS.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
