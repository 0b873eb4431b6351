import { FieldValueResult } from '../types/field-value-result.type';
import { describeValue } from './describe-value.util';
import { parseCrmInstant } from './parse-crm-instant.util';

/**
 * A column value from a destination date or time: 'YYYY-MM-DD' for the day transforms ('date',
 * 'midnight_epoch_ms'), an ISO-8601 UTC timestamp for the instant ones ('datetime', 'epoch_ms'),
 * the forms the forward transforms read back to the same destination value. The epoch transforms
 * also take ms (number or digit string) and every transform takes an ISO date or timestamp.
 */
export function reverseTime(
  value: string | number | boolean,
  transform: 'date' | 'datetime' | 'epoch_ms' | 'midnight_epoch_ms',
): FieldValueResult {
  const epoch = transform === 'epoch_ms' || transform === 'midnight_epoch_ms';
  const instant = parseCrmInstant(value, epoch);
  if (!instant) {
    const forms = epoch
      ? 'ms since the epoch, a date or an ISO-8601 timestamp'
      : 'a date (YYYY-MM-DD) or an ISO-8601 timestamp with offset';
    return { ok: false, reason: `${describeValue(value)} is not ${forms}` };
  }
  const iso = new Date(instant.ms).toISOString();
  switch (transform) {
    case 'date':
    case 'midnight_epoch_ms':
      // A timestamp keeps its UTC day, as the forward transforms do.
      return { ok: true, value: iso.slice(0, 10) };
    case 'datetime':
    case 'epoch_ms':
      return { ok: true, value: iso };
  }
}
