import { SalesforceApiException } from '../exceptions/salesforce-api.exception';
import type { SalesforceSObjectSchema } from '../services/salesforce-sobject.schema';
import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';
import type { SalesforceRecord } from '../types/salesforce-record.type';
import type { SalesforceValue } from '../types/salesforce-value.type';
import type { SoqlCondition } from '../types/soql-condition.type';
import type { SoqlLiteral } from '../types/soql-literal.type';
import { normalizeSalesforceId } from './salesforce-id.util';

type Predicate = (record: SalesforceRecord) => boolean;

/**
 * Turns a WHERE clause into a predicate, checking literal types as Salesforce does: datetime
 * fields take unquoted datetimes, numbers unquoted numbers, text quoted strings.
 */
export function compileSoqlCondition(
  schema: SalesforceSObjectSchema,
  condition: SoqlCondition,
): Predicate {
  switch (condition.kind) {
    case 'and': {
      const parts = condition.operands.map((c) => compileSoqlCondition(schema, c));
      return (r) => parts.every((p) => p(r));
    }
    case 'or': {
      const parts = condition.operands.map((c) => compileSoqlCondition(schema, c));
      return (r) => parts.some((p) => p(r));
    }
    case 'not': {
      const inner = compileSoqlCondition(schema, condition.operand);
      return (r) => !inner(r);
    }
    case 'compare': {
      const field = resolveField(schema, condition.field);
      const target = toComparable(field, condition.value);
      const op = condition.op;
      return (r) => {
        const actual = comparable(field, r.values[field.name] ?? null);
        if (target === null || actual === null) {
          if (op === '=') return actual === target;
          if (op === '!=') return actual !== target;
          return false;
        }
        switch (op) {
          case '=':
            return actual === target;
          case '!=':
            return actual !== target;
          case '<':
            return actual < target;
          case '<=':
            return actual <= target;
          case '>':
            return actual > target;
          case '>=':
            return actual >= target;
        }
      };
    }
    case 'in': {
      const field = resolveField(schema, condition.field);
      const targets = new Set(condition.values.map((v) => toComparable(field, v)));
      return (r) =>
        targets.has(comparable(field, r.values[field.name] ?? null)) !== condition.negated;
    }
    case 'like': {
      const field = resolveField(schema, condition.field);
      if (!isText(field)) {
        throw new SalesforceApiException(
          400,
          'INVALID_FIELD',
          `invalid operator on ${field.type} field: ${field.name}`,
        );
      }
      const source = condition.pattern
        .toLowerCase()
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/%/g, '.*')
        .replace(/_/g, '.');
      const regex = new RegExp(`^${source}$`, 's');
      return (r) => {
        const value = r.values[field.name];
        return typeof value === 'string' && regex.test(value.toLowerCase());
      };
    }
  }
}

export function resolveField(
  schema: SalesforceSObjectSchema,
  name: string,
): SalesforceFieldDefinition {
  const field = schema.field(name);
  if (!field) {
    const hint = name.includes('.')
      ? ' (relationship queries are not simulated)'
      : " If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
    throw new SalesforceApiException(
      400,
      'INVALID_FIELD',
      `No such column '${name}' on entity '${schema.name}'.${hint}`,
    );
  }
  return field;
}

/** A stored value in comparable form: text lowercased (SOQL compares text case-insensitively). */
export function comparable(
  field: SalesforceFieldDefinition,
  value: SalesforceValue,
): string | number | boolean | null {
  if (value === null) return null;
  return typeof value === 'string' && isText(field) ? value.toLowerCase() : value;
}

function toComparable(
  field: SalesforceFieldDefinition,
  literal: SoqlLiteral,
): string | number | boolean | null {
  if (literal.kind === 'null') return null;
  switch (field.type) {
    case 'datetime':
      if (literal.kind !== 'datetime') throw typeMismatch(field, 'dateTime', false);
      return literal.value;
    case 'date':
      if (literal.kind !== 'date') throw typeMismatch(field, 'date', false);
      return literal.value;
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      if (literal.kind !== 'number')
        throw typeMismatch(field, field.type === 'int' ? 'int' : 'double', false);
      return literal.value;
    case 'boolean':
      if (literal.kind !== 'boolean') throw typeMismatch(field, 'boolean', false);
      return literal.value;
    case 'id':
    case 'reference': {
      if (literal.kind !== 'string') throw typeMismatch(field, 'string', true);
      const id = normalizeSalesforceId(literal.value);
      if (!id)
        throw new SalesforceApiException(
          400,
          'INVALID_QUERY_FILTER_OPERATOR',
          `invalid ID field: ${literal.value}`,
        );
      return id;
    }
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'picklist':
      if (literal.kind !== 'string') throw typeMismatch(field, 'string', true);
      return literal.value.toLowerCase();
  }
}

function isText(field: SalesforceFieldDefinition): boolean {
  return ['string', 'textarea', 'email', 'phone', 'url', 'picklist'].includes(field.type);
}

function typeMismatch(
  field: SalesforceFieldDefinition,
  type: string,
  quoted: boolean,
): SalesforceApiException {
  return new SalesforceApiException(
    400,
    'INVALID_FIELD',
    `value of filter criterion for field '${field.name}' must be of type ${type} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
  );
}
