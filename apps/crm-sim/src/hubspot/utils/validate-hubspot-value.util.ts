import type { HubSpotPropertyDefinition } from '../types/hubspot-property-definition.type';
import type { HubSpotPropertyError } from '../types/hubspot-property-error.type';
import { toText } from '../../common/utils/to-text.util';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const EPOCH_MS = /^-?\d{1,15}$/;

export type HubSpotValueCheck =
  { ok: true; value: string | null } | { ok: false; error: HubSpotPropertyError };

/**
 * Checks and normalises one incoming property value the way HubSpot stores it: numbers as
 * given, datetimes as ISO-8601, dates as YYYY-MM-DD (midnight UTC only), booleans as
 * 'true'/'false', email lowercased. '' or null clears the property (value null).
 */
export function validateHubSpotValue(
  def: HubSpotPropertyDefinition,
  raw: unknown,
  maxStringLength: number,
): HubSpotValueCheck {
  if (raw === null || raw === undefined || raw === '') return { ok: true, value: null };
  const text = toText(raw);
  if (text.length > maxStringLength) {
    return fail(
      def,
      'VALUE_TOO_LONG',
      `Property "${def.name}" value is ${text.length} characters long; the maximum is ${maxStringLength}.`,
    );
  }
  switch (def.type) {
    case 'string':
      if (def.name === 'email') {
        if (!EMAIL.test(text))
          return fail(def, 'INVALID_EMAIL', `Email address ${text} is invalid`);
        return { ok: true, value: text.toLowerCase() };
      }
      return { ok: true, value: text };
    case 'number': {
      const trimmed = text.trim();
      if (trimmed === '' || !Number.isFinite(Number(trimmed))) {
        return fail(def, 'INVALID_INTEGER', `${JSON.stringify(text)} is not a valid number.`);
      }
      return { ok: true, value: trimmed };
    }
    case 'bool': {
      const lower = text.toLowerCase();
      if (lower !== 'true' && lower !== 'false') {
        return fail(
          def,
          'INVALID_BOOLEAN',
          `${JSON.stringify(text)} is not a valid boolean; use true or false.`,
        );
      }
      return { ok: true, value: lower };
    }
    case 'datetime': {
      const ms = parseHubSpotTime(text);
      if (ms === undefined)
        return fail(def, 'INVALID_DATE', `${JSON.stringify(text)} is not a valid datetime.`);
      return { ok: true, value: new Date(ms).toISOString() };
    }
    case 'date': {
      const ms = parseHubSpotTime(text);
      if (ms === undefined)
        return fail(def, 'INVALID_DATE', `${JSON.stringify(text)} is not a valid date.`);
      if (ms % 86_400_000 !== 0) {
        return fail(
          def,
          'INVALID_DATE',
          `${text} is not at midnight UTC; date properties take midnight UTC values only.`,
        );
      }
      return { ok: true, value: new Date(ms).toISOString().slice(0, 10) };
    }
    case 'enumeration': {
      const allowed = new Set(def.options.map((o) => o.value));
      const values = def.fieldType === 'checkbox' ? text.split(';') : [text];
      const bad = values.find((v) => !allowed.has(v));
      if (bad !== undefined) {
        return fail(
          def,
          'INVALID_OPTION',
          `${JSON.stringify(bad)} was not one of the allowed options: [${[...allowed].join(', ')}]`,
        );
      }
      return { ok: true, value: text };
    }
  }
}

/** Epoch milliseconds from an epoch-ms string, YYYY-MM-DD or an ISO-8601 datetime. */
export function parseHubSpotTime(text: string): number | undefined {
  if (EPOCH_MS.test(text)) return Number(text);
  if (DATE_ONLY.test(text)) return Date.parse(`${text}T00:00:00Z`);
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function fail(def: HubSpotPropertyDefinition, error: string, message: string): HubSpotValueCheck {
  return {
    ok: false,
    error: { isValid: false, message, error, name: def.name, localizedErrorMessage: message },
  };
}
