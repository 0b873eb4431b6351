import { parseIsoDate } from './parse-iso-date.util';
import { parseIsoDateTime } from './parse-iso-datetime.util';

const MIN_MS = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const MAX_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z
const EPOCH_MS_TEXT = /^-?\d{1,15}$/;

/**
 * The instant a destination date or time value names, in ms since the epoch: a date 'YYYY-MM-DD'
 * (UTC midnight; `dateOnly`), an ISO-8601 timestamp with offset, or, with `epoch`, ms since the
 * epoch as a number or digit string (HubSpot sends both). `undefined` when it is none of these or
 * outside the years 0000-9999 (what the forward transforms accept).
 */
export function parseCrmInstant(
  value: string | number | boolean,
  epoch: boolean,
): { ms: number; dateOnly: boolean } | undefined {
  let ms: number | undefined;
  let dateOnly = false;
  if (epoch && typeof value === 'number') {
    ms = Number.isInteger(value) ? value : undefined;
  } else if (typeof value === 'string') {
    const midnight = parseIsoDate(value);
    dateOnly = midnight !== undefined;
    if (dateOnly) ms = midnight;
    else if (epoch && EPOCH_MS_TEXT.test(value)) ms = Number(value);
    else ms = parseIsoDateTime(value);
  }
  if (ms === undefined || ms < MIN_MS || ms > MAX_MS) return undefined;
  return { ms: ms === 0 ? 0 : ms, dateOnly };
}
