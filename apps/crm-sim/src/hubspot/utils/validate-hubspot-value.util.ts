import { toText } from '../../common/utils/to-text.util';
import type { HubSpotPropertyDefinition } from '../types/hubspot-property-definition.type';
import type { HubSpotValueCheck } from '../types/hubspot-value-check.type';
import { parseHubSpotTime } from './parse-hubspot-time.util';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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

function fail(def: HubSpotPropertyDefinition, error: string, message: string): HubSpotValueCheck {
  return {
    ok: false,
    error: { isValid: false, message, error, name: def.name, localizedErrorMessage: message },
  };
}
