import { Redacted } from '../types/redacted.type';
import { Secret } from './secret';

/** A plain, loggable copy of a config (or any section of it) with every Secret as "[redacted]". */
export function redactConfig<T>(config: T): Redacted<T> {
  return redact(config) as Redacted<T>;
}

function redact(value: unknown): unknown {
  if (value instanceof Secret) return value.toJSON();
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
  }
  return value;
}
