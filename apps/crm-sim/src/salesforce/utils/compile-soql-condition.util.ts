import { SalesforceApiException } from '../exceptions/salesforce-api.exception';
import type { SalesforceSObjectSchema } from '../services/salesforce-sobject.schema';
import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';
import type { SalesforceRecord } from '../types/salesforce-record.type';
import type { SoqlCondition } from '../types/soql-condition.type';
import type { SoqlLiteral } from '../types/soql-literal.type';
import { isTextField } from './is-text-field.util';
import { normalizeSalesforceId } from './normalize-salesforce-id.util';
import { resolveSoqlField } from './resolve-soql-field.util';
import { soqlComparable } from './soql-comparable.util';

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
      const field = resolveSoqlField(schema, condition.field);
      const target = toComparable(field, condition.value);
      const op = condition.op;
      return (r) => {
        const actual = soqlComparable(field, r.values[field.name] ?? null);
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
      const field = resolveSoqlField(schema, condition.field);
      const targets = new Set(condition.values.map((v) => toComparable(field, v)));
      return (r) =>
        targets.has(soqlComparable(field, r.values[field.name] ?? null)) !== condition.negated;
    }
    case 'like': {
      const field = resolveSoqlField(schema, condition.field);
      if (!isTextField(field)) {
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
