import { parseIsoDate } from './parse-iso-date.util';

// Date, 'T' (or a space, as Postgres prints), time, optional fraction, and a mandatory offset:
// a timestamp without one names no instant.
const DATETIME =
  /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;
const MIN_MS = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const MAX_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

/** An ISO-8601 timestamp with an offset as ms since the epoch (sub-ms digits dropped). */
export function parseIsoDateTime(text: string): number | undefined {
  const match = DATETIME.exec(text);
  if (!match) return undefined;
  const [, datePart, hh, mm, ss = '0', fraction = '', zulu, sign, offH = '0', offM = '0'] = match;
  const midnight = parseIsoDate(datePart);
  const [hours, minutes, seconds] = [Number(hh), Number(mm), Number(ss)];
  const [offsetHours, offsetMinutes] = [Number(offH), Number(offM)];
  if (midnight === undefined || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  if (!zulu && (offsetHours > 23 || offsetMinutes > 59)) return undefined;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const offset = zulu ? 0 : (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const ms = midnight + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis - offset;
  return ms < MIN_MS || ms > MAX_MS ? undefined : ms;
}
