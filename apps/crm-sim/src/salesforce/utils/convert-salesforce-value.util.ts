import { toText } from '../../common/utils/to-text.util';
import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';
import type { SalesforceValueCheck } from '../types/salesforce-value-check.type';
import { normalizeSalesforceId } from './normalize-salesforce-id.util';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Converts one JSON value for a field, with Salesforce's per-record errors (STRING_TOO_LONG,
 * INVALID_EMAIL_ADDRESS, ...). '' is null for text fields, as in Salesforce.
 */
export function convertSalesforceValue(
  field: SalesforceFieldDefinition,
  raw: unknown,
): SalesforceValueCheck {
  if (raw === null || raw === undefined || (raw === '' && field.type !== 'boolean')) {
    return { ok: true, value: null };
  }
  switch (field.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
      return typeError(field, raw);
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      const n =
        typeof raw === 'number'
          ? raw
          : typeof raw === 'string' && raw.trim() !== ''
            ? Number(raw)
            : Number.NaN;
      if (!Number.isFinite(n) || (field.type === 'int' && !Number.isInteger(n)))
        return typeError(field, raw);
      const integerDigits = Math.max(1, field.precision - field.scale);
      if (field.precision > 0 && Math.abs(Math.trunc(n)).toString().length > integerDigits) {
        return fail(
          'NUMBER_OUTSIDE_VALID_RANGE',
          `${field.label}: value outside of valid range on numeric field: ${n}`,
          field,
        );
      }
      return { ok: true, value: n };
    }
    case 'date': {
      if (typeof raw !== 'string' || !DATE_ONLY.test(raw) || Number.isNaN(Date.parse(raw))) {
        return typeError(field, raw);
      }
      return { ok: true, value: raw };
    }
    case 'datetime': {
      const ms =
        typeof raw === 'string'
          ? Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))
          : Number.NaN;
      if (Number.isNaN(ms)) return typeError(field, raw);
      return { ok: true, value: ms };
    }
    case 'id':
    case 'reference': {
      const id = typeof raw === 'string' ? normalizeSalesforceId(raw) : undefined;
      if (!id)
        return fail(
          'MALFORMED_ID',
          `${field.label}: id value of incorrect type: ${toText(raw)}`,
          field,
        );
      return { ok: true, value: id };
    }
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'picklist': {
      if (typeof raw === 'object') return typeError(field, raw);
      const text = toText(raw);
      if (text.length > field.length) {
        const shown = text.length > 100 ? `${text.slice(0, 100)}...` : text;
        return fail(
          'STRING_TOO_LONG',
          `${field.label}: data value too large: ${shown} (max length=${field.length})`,
          field,
        );
      }
      if (field.type === 'email' && !EMAIL.test(text)) {
        return fail(
          'INVALID_EMAIL_ADDRESS',
          `${field.label}: invalid email address: ${text}`,
          field,
        );
      }
      if (
        field.type === 'picklist' &&
        field.restrictedPicklist &&
        !field.picklistValues.includes(text)
      ) {
        return fail(
          'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          `${field.label}: bad value for restricted picklist field: ${text}`,
          field,
        );
      }
      return { ok: true, value: text };
    }
  }
}

function typeError(field: SalesforceFieldDefinition, raw: unknown): SalesforceValueCheck {
  return fail(
    'INVALID_TYPE_ON_FIELD_IN_RECORD',
    `${field.label}: value not of required type: ${JSON.stringify(raw)}`,
    field,
  );
}

function fail(
  statusCode: string,
  message: string,
  field: SalesforceFieldDefinition,
): SalesforceValueCheck {
  return { ok: false, error: { statusCode, message, fields: [field.name] } };
}
