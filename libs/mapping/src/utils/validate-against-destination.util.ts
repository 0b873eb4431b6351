import { MappingFailedException } from '../exceptions/mapping-failed.exception';
import { DestinationProperty } from '../types/destination-property.type';
import { MappedRecord } from '../types/mapped-record.type';
import { MappedValue } from '../types/mapped-value.type';
import { MappingIssue } from '../types/mapping-issue.type';
import { codePointLength } from './code-point-length.util';
import { describeValue } from './describe-value.util';
import { parseDecimal } from './parse-decimal.util';
import { parseIsoDate } from './parse-iso-date.util';
import { parseIsoDateTime } from './parse-iso-datetime.util';

const DAY_MS = 86_400_000;
const OPTIONS_SHOWN = 20;

/**
 * Checks a mapped record against the destination object's properties (from `describe()`) before
 * sending, and throws `MappingFailedException` listing every property that is unknown there,
 * read-only, required but null, of the wrong type, too long (code points) or not one of an
 * enumeration's options. Names match exactly, else case-insensitively (Salesforce field names are
 * case-insensitive). With `identityProperty`, the identity is checked against it too.
 */
export function validateAgainstDestination(
  mapped: MappedRecord,
  properties: readonly DestinationProperty[],
  identityProperty?: string,
): void {
  const byName = new Map(properties.map((p) => [p.name, p]));
  const byLowerName = new Map(properties.map((p) => [p.name.toLowerCase(), p]));
  const find = (name: string) => byName.get(name) ?? byLowerName.get(name.toLowerCase());
  const issues: MappingIssue[] = [];

  if (identityProperty !== undefined) {
    const property = find(identityProperty);
    if (!property) {
      issues.push({
        path: identityProperty,
        message: 'identity property does not exist at the destination',
      });
    } else {
      if (property.unique === false) {
        issues.push({
          path: identityProperty,
          message: 'identity property is not unique at the destination',
        });
      }
      const tooLong = lengthProblem(property, mapped.identity);
      if (tooLong) issues.push({ path: identityProperty, message: tooLong });
    }
  }

  for (const [name, value] of Object.entries(mapped.properties)) {
    const property = find(name);
    if (!property) {
      issues.push({ path: name, message: 'is not a property of the destination object' });
      continue;
    }
    const problem = propertyProblem(property, value);
    if (problem) issues.push({ path: name, message: problem });
  }
  if (issues.length > 0) {
    throw new MappingFailedException('mapped record does not fit the destination', issues);
  }
}

function propertyProblem(property: DestinationProperty, value: MappedValue): string | undefined {
  if (property.readOnly) return 'is read-only at the destination';
  if (value === null) {
    return property.required ? 'is required at the destination but the value is null' : undefined;
  }
  const typeProblem = typeMismatch(property, value);
  if (typeProblem) return `${describeValue(value)} ${typeProblem}`;
  if (typeof value === 'string') {
    const tooLong = lengthProblem(property, value);
    if (tooLong) return tooLong;
  }
  return property.type === 'enumeration' ? optionProblem(property, String(value)) : undefined;
}

/** Why `value` cannot go to a property of this type, or `undefined` when it can. */
function typeMismatch(
  property: DestinationProperty,
  value: string | number | boolean,
): string | undefined {
  switch (property.type) {
    case 'string':
    case 'enumeration':
    case 'other':
      return undefined; // connectors send numbers and booleans as text
    case 'number':
      if (typeof value === 'number')
        return Number.isFinite(value) ? undefined : 'is not a finite number';
      return typeof value === 'string' && parseDecimal(value) ? undefined : 'is not a number';
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false'
        ? undefined
        : 'is not a boolean';
    case 'date':
      // 'YYYY-MM-DD' (Salesforce, HubSpot) or UTC midnight in ms (HubSpot).
      if (typeof value === 'string')
        return parseIsoDate(value) !== undefined ? undefined : 'is not a date (YYYY-MM-DD)';
      return typeof value === 'number' && Number.isInteger(value) && value % DAY_MS === 0
        ? undefined
        : 'is not a date (YYYY-MM-DD or UTC midnight in epoch ms)';
    case 'datetime':
      if (typeof value === 'string') {
        return parseIsoDateTime(value) !== undefined || parseIsoDate(value) !== undefined
          ? undefined
          : 'is not an ISO-8601 timestamp';
      }
      return typeof value === 'number' && Number.isInteger(value)
        ? undefined
        : 'is not a timestamp (ISO-8601 or epoch ms)';
    case 'id':
    case 'reference':
      return typeof value === 'string' ? undefined : 'is not an id string';
  }
}

function lengthProblem(property: DestinationProperty, value: string): string | undefined {
  if (property.maxLength === undefined) return undefined;
  const length = codePointLength(value);
  return length > property.maxLength
    ? `is ${length} characters long; the destination allows ${property.maxLength}`
    : undefined;
}

function optionProblem(property: DestinationProperty, value: string): string | undefined {
  const options = property.options;
  if (!options || options.length === 0) return undefined;
  const allowed = new Set(options);
  // Multi-select values (HubSpot checkboxes) list options separated by ';'.
  if (allowed.has(value) || value.split(';').every((part) => allowed.has(part))) return undefined;
  const shown = options.slice(0, OPTIONS_SHOWN).join(', ');
  const more = options.length > OPTIONS_SHOWN ? ', …' : '';
  return `${describeValue(value)} is not one of the options: ${shown}${more}`;
}
