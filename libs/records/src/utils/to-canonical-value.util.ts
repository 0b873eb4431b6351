import { parse as parsePostgresArray } from 'postgres-array';
import { ColumnDefinition } from '../types/column-definition.type';

const DAY_MS = 86_400_000;

/**
 * Turns a column value into its canonical form (see ColumnKind), whichever source it comes from:
 * Debezium's JSON (dates as days since the epoch, times and timestamps as epoch micro- or
 * milliseconds, json as text, bytea as base64, arrays as JSON arrays) or Postgres' text output
 * (the source pool keeps every value as text, with TimeZone UTC and IntervalStyle iso_8601).
 * node-postgres' parsed values (Date, Buffer, arrays) are taken too. A value that does not fit
 * its kind is passed through unchanged, for validation to reject with the column's name.
 */
export function toCanonicalValue(column: ColumnDefinition, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
      return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
    case 'numeric':
      if (typeof value === 'number') return String(value);
      // Debezium (decimal.handling.mode=string) spells the special values its own way.
      return typeof value === 'string' ? (DEBEZIUM_NUMERIC_SPECIALS[value] ?? value) : value;
    case 'real':
      return toReal(toFloat(value));
    case 'double':
      return toFloat(value);
    case 'boolean':
      return value === 't' ? true : value === 'f' ? false : value;
    case 'uuid':
      return typeof value === 'string' ? value.toLowerCase() : value;
    case 'text':
    case 'enum':
    case 'unsupported':
      return value;
    case 'date':
      return toDate(value);
    case 'time':
      return typeof value === 'number' ? microsToTime(value) : toTimeText(value);
    case 'timestamp':
      return toTimestamp(column, value, false);
    case 'timestamptz':
      return toTimestamp(column, value, true);
    case 'interval':
      return toInterval(value);
    case 'json':
    case 'jsonb':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
    case 'bytea':
      if (Buffer.isBuffer(value)) return value.toString('base64');
      // Postgres' hex output; Debezium's base64 never starts with a backslash.
      if (typeof value === 'string' && value.startsWith('\\x'))
        return Buffer.from(value.slice(2), 'hex').toString('base64');
      return value;
    case 'array':
      return toArray(column, value);
  }
}

const DEBEZIUM_NUMERIC_SPECIALS: Record<string, string> = {
  NAN: 'NaN',
  POSITIVE_INFINITY: 'Infinity',
  NEGATIVE_INFINITY: '-Infinity',
};

/**
 * A real (float4) as the shortest decimal that reads back as the same float4, as Postgres prints
 * it: Debezium's Java floats may print more digits (1.4e-45 for Postgres' 1e-45).
 */
function toReal(value: unknown): unknown {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value;
  const single = Math.fround(value);
  for (let digits = 1; digits <= 9; digits += 1) {
    const candidate = Number(single.toPrecision(digits));
    if (Math.fround(candidate) === single) return candidate;
  }
  return single;
}

function toFloat(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return value;
  const number = Number(value);
  return value.trim() !== '' && Number.isFinite(number) ? number : value;
}

function toDate(value: unknown): unknown {
  const date =
    typeof value === 'number' ? new Date(value * DAY_MS) : value instanceof Date ? value : null;
  if (date) return Number.isNaN(date.getTime()) ? value : date.toISOString().slice(0, 10);
  return value;
}

/** Seconds' fraction without trailing zeros, as Postgres prints it ("" for none). */
function fraction(micros: number): string {
  if (micros === 0) return '';
  return `.${String(micros).padStart(6, '0').replace(/0+$/, '')}`;
}

function microsToTime(micros: number): unknown {
  if (!Number.isSafeInteger(micros) || micros < 0) return micros;
  const seconds = Math.floor(micros / 1_000_000);
  const hh = String(Math.floor(seconds / 3600)).padStart(2, '0');
  const mm = String(Math.floor(seconds / 60) % 60).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  return `${hh}:${mm}:${ss}${fraction(micros % 1_000_000)}`;
}

function toTimeText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const match = /^(\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/.exec(value);
  if (!match) return value;
  return `${match[1]}${fraction(Number((match[2] ?? '').padEnd(6, '0')))}`;
}

/**
 * Debezium sends timestamps of precision 0-3 as epoch milliseconds and 4-6 (the default) as
 * epoch microseconds (time.precision.mode=adaptive_time_microseconds); timestamptz as an ISO
 * string. Postgres prints "2024-03-01 12:34:56.5" (+00 with a zone).
 */
function toTimestamp(column: ColumnDefinition, value: unknown, zoned: boolean): unknown {
  let micros: bigint | undefined;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return value;
    // Debezium's stand-ins for 'infinity' / '-infinity' (near Long.MAX_VALUE / MIN_VALUE).
    if (Math.abs(value) >= 9e18) return value > 0 ? 'infinity' : '-infinity';
    // Past 2^53 µs (before 1685 or after 2255) JSON has already rounded to a double: exact as such.
    micros = BigInt(value) * ((column.precision ?? 6) <= 3 ? 1000n : 1n);
  } else if (value instanceof Date) {
    micros = BigInt(value.getTime()) * 1000n;
  } else if (typeof value === 'string') {
    return timestampText(value, zoned) ?? value;
  }
  if (micros === undefined) return value;
  const seconds = micros / 1_000_000n - (micros % 1_000_000n < 0n ? 1n : 0n);
  const rest = Number(micros - seconds * 1_000_000n);
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime())) return value;
  const base = date.toISOString().slice(0, 19);
  return `${base}${fraction(rest)}${zoned ? 'Z' : ''}`;
}

function timestampText(text: string, zoned: boolean): string | undefined {
  const match =
    /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?$/.exec(
      text,
    );
  if (!match) return undefined;
  const [, day, time, digits = '', zone] = match;
  if (!zoned)
    return zone
      ? undefined
      : `${day}T${time}${fraction(Number(digits.slice(0, 6).padEnd(6, '0')))}`;
  if (!zone) return undefined;
  const micros = Number(digits.slice(0, 6).padEnd(6, '0'));
  // Debezium's form (UTC, 'Z') is already canonical when it is plainly a valid instant: skip Date.
  if (zone === 'Z' && plainlyValid(day, time)) return `${day}T${time}${fraction(micros)}Z`;
  // To UTC: Date handles the offset; the microseconds are carried beside it.
  const offset = zone === 'Z' ? 'Z' : normaliseOffset(zone);
  const date = new Date(`${day}T${time}${offset}`);
  if (Number.isNaN(date.getTime())) return undefined;
  return `${date.toISOString().slice(0, 19)}${fraction(micros)}Z`;
}

/** Day 1-28 and a time before 24:00:00: valid in every month, nothing for Date to normalise. */
function plainlyValid(day: string, time: string): boolean {
  const month = Number(day.slice(5, 7));
  const dayOfMonth = Number(day.slice(8, 10));
  return (
    month >= 1 &&
    month <= 12 &&
    dayOfMonth >= 1 &&
    dayOfMonth <= 28 &&
    Number(time.slice(0, 2)) < 24 &&
    Number(time.slice(3, 5)) < 60 &&
    Number(time.slice(6, 8)) < 60
  );
}

function normaliseOffset(zone: string): string {
  const digits = zone.slice(1).replace(/:/g, '');
  const hh = digits.slice(0, 2);
  const mm = digits.slice(2, 4) || '00';
  return `${zone[0]}${hh}:${mm}`;
}

const ISO_INTERVAL =
  /^P(?:(-?\d+)Y)?(?:(-?\d+)M)?(?:(-?\d+)W)?(?:(-?\d+)D)?(?:T(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?\d+(?:\.\d+)?)S)?)?$/;

/**
 * ISO 8601 durations from both sources printed one way: components that are zero left out,
 * "PT0S" for zero. Postgres (IntervalStyle iso_8601) and Debezium (interval.handling.mode=string)
 * differ only in which zero components they print.
 */
function toInterval(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'toISOString' in value) {
    value = (value as { toISOString: () => string }).toISOString();
  }
  if (typeof value !== 'string') return value;
  const match = ISO_INTERVAL.exec(value);
  if (!match || value === 'P' || value.endsWith('T')) return value;
  const [, y, mo, w, d, h, mi, s] = match;
  const days = Number(d ?? 0) + 7 * Number(w ?? 0);
  const seconds = s === undefined ? '0' : trimDecimal(s);
  let date = '';
  if (Number(y ?? 0) !== 0) date += `${Number(y)}Y`;
  if (Number(mo ?? 0) !== 0) date += `${Number(mo)}M`;
  if (days !== 0) date += `${days}D`;
  let time = '';
  if (Number(h ?? 0) !== 0) time += `${Number(h)}H`;
  if (Number(mi ?? 0) !== 0) time += `${Number(mi)}M`;
  if (Number(seconds) !== 0) time += `${seconds}S`;
  if (date === '' && time === '') return 'PT0S';
  return `P${date}${time ? `T${time}` : ''}`;
}

function trimDecimal(text: string): string {
  if (!text.includes('.')) return String(Number(text));
  const [whole, decimals] = text.split('.');
  const kept = decimals.replace(/0+$/, '');
  const sign = whole.startsWith('-') ? '-' : '';
  const integer = String(Math.abs(Number(whole)));
  return kept ? `${sign}${integer}.${kept}` : `${sign}${integer}`;
}

function toArray(column: ColumnDefinition, value: unknown): unknown {
  const element = column.element;
  if (!element) return value;
  let items: unknown = value;
  if (typeof value === 'string') {
    if (!value.startsWith('{')) return value;
    try {
      items = parsePostgresArray(value);
    } catch {
      return value;
    }
  }
  if (!Array.isArray(items)) return value;
  const convert = (item: unknown): unknown =>
    Array.isArray(item) ? item.map(convert) : toCanonicalValue(element, item);
  return items.map(convert);
}
