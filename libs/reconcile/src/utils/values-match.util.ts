const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Whether a CRM holds the value a mapping would send, allowing for how CRMs store and return
 * types: null, undefined and '' are all "empty" (HubSpot clears with ''); booleans and their
 * text; numbers by value (`1250.50` = "1250.5"); instants by the moment they name (epoch ms,
 * ISO-8601 with or without milliseconds or offset, `+0000` offsets, dates as UTC midnight); email
 * addresses without regard to case (HubSpot lowercases them). Anything else compares as text.
 */
export function valuesMatch(expected: unknown, actual: unknown): boolean {
  const a = empty(expected) ? null : expected;
  const b = empty(actual) ? null : actual;
  if (a === null || b === null) return a === b;
  const textA = typeof a === 'boolean' ? String(a) : scalarText(a);
  const textB = typeof b === 'boolean' ? String(b) : scalarText(b);
  if (textA === undefined || textB === undefined) return false;
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    return textA.toLowerCase() === textB.toLowerCase();
  }
  if (textA === textB) return true;
  const numberA = asNumber(a);
  const numberB = asNumber(b);
  if (numberA !== undefined && numberB !== undefined) return numberA === numberB;
  const instantA = asInstant(a);
  const instantB = asInstant(b);
  if (instantA !== undefined && instantB !== undefined) return instantA === instantB;
  if (EMAIL.test(textA) && EMAIL.test(textB)) return textA.toLowerCase() === textB.toLowerCase();
  return false;
}

function empty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMBER.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** Epoch ms of an instant: a number is taken as epoch ms; a date alone is UTC midnight. */
function asInstant(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !INSTANT.test(value.trim())) return undefined;
  // `+0000` (Salesforce) -> `+00:00`, which every engine parses.
  const iso = value
    .trim()
    .replace(' ', 'T')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const parsed = Date.parse(/T/.test(iso) && !/(Z|[+-]\d{2}:\d{2})$/.test(iso) ? `${iso}Z` : iso);
  return Number.isNaN(parsed) ? undefined : parsed;
}
