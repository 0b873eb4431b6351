import { ColumnKind } from '../types/column-kind.type';

const DAY_MS = 86_400_000;

/**
 * Turns a column value from either source into its canonical form: Debezium's JSON (dates as days
 * since the epoch, jsonb as a string, timestamps as ISO strings with microseconds) or node-postgres
 * (Date objects, parsed jsonb). Values that do not fit are passed through for validation to reject.
 */
export function toCanonicalValue(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'timestamptz': {
      const date =
        value instanceof Date
          ? value
          : typeof value === 'string' || typeof value === 'number'
            ? new Date(value)
            : null;
      return date && !Number.isNaN(date.getTime()) ? date.toISOString() : value;
    }
    case 'date': {
      const date =
        typeof value === 'number' ? new Date(value * DAY_MS) : value instanceof Date ? value : null;
      // Postgres dates reach far beyond JS Dates (year 275760): such a value stays as it is.
      return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : value;
    }
    case 'jsonb':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
    case 'bigint':
    case 'integer':
      return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
    case 'numeric':
      return typeof value === 'number' ? String(value) : value;
    case 'uuid':
    case 'text':
    case 'enum':
    case 'boolean':
      return value;
  }
}
