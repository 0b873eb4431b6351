import { ColumnDefinition } from '../types/column-definition.type';

const INTEGER_RANGES = {
  smallint: { minimum: -32768, maximum: 32767 },
  integer: { minimum: -2147483648, maximum: 2147483647 },
  bigint: { minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
} as const;
const FRACTION = '(\\.\\d{1,6})?';

/** The JSON Schema of one column's canonical value, from its catalog type. */
export function columnJsonSchema(column: ColumnDefinition): Record<string, unknown> {
  const schema = { ...baseSchema(column), ...column.schema };
  if (!column.nullable) return schema;
  // `enum` must list null too, or a nullable enum column rejects it.
  if (Array.isArray(schema.enum)) {
    const enumSchema = { ...schema, enum: [...(schema.enum as unknown[]), null] };
    return typeof schema.type === 'string'
      ? { ...enumSchema, type: [schema.type, 'null'] }
      : enumSchema;
  }
  if (schema.type === undefined) return { anyOf: [schema, { type: 'null' }] };
  return { ...schema, type: [schema.type, 'null'] };
}

function baseSchema(column: ColumnDefinition): Record<string, unknown> {
  switch (column.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
      return { type: 'integer', ...INTEGER_RANGES[column.kind] };
    case 'numeric':
      return { type: 'string', pattern: numericPattern(column) };
    case 'real':
    case 'double':
      return { anyOf: [{ type: 'number' }, { enum: ['NaN', 'Infinity', '-Infinity'] }] };
    case 'text':
      return column.maxLength === undefined
        ? { type: 'string' }
        : { type: 'string', maxLength: column.maxLength };
    case 'boolean':
      return { type: 'boolean' };
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'time':
      return {
        type: 'string',
        pattern: `^([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d${FRACTION}$|^24:00:00$`,
      };
    case 'timestamp':
      return {
        type: 'string',
        pattern: `^\\d{4}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d${FRACTION}$`,
      };
    case 'timestamptz':
      return { type: 'string', format: 'date-time' };
    case 'interval':
      return {
        type: 'string',
        pattern:
          '^P(?!$)(-?\\d+Y)?(-?\\d+M)?(-?\\d+D)?(T(?=-?\\d)(-?\\d+H)?(-?\\d+M)?(-?\\d+(\\.\\d+)?S)?)?$',
      };
    case 'json':
    case 'jsonb':
      // Any JSON value; null is a JSON value too, so a NOT NULL json column cannot refuse it here.
      return {};
    case 'bytea':
      return { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' };
    case 'enum':
      return { type: 'string', enum: [...(column.values ?? [])] };
    case 'array':
      return {
        type: 'array',
        items: column.element ? arrayItems(column.element) : {},
      };
    case 'unsupported':
      // Nothing fits: a row with a value here is refused, naming this column and its type.
      return {
        not: {},
        description: `Postgres type ${column.pgType ?? 'unknown'} is not supported`,
      };
  }
}

/** Elements of a multi-dimensional array are arrays themselves; any element may be NULL. */
function arrayItems(element: ColumnDefinition): Record<string, unknown> {
  const single = columnJsonSchema({ ...element, nullable: true });
  return { anyOf: [single, { type: 'array' }] };
}

function numericPattern(column: ColumnDefinition): string {
  // Unconstrained numeric also holds infinities (Postgres 14+); numeric(p, s) only NaN.
  if (column.precision === undefined) return '^-?\\d+(\\.\\d+)?$|^NaN$|^-?Infinity$';
  const scale = column.scale ?? 0;
  const integerDigits = Math.max(column.precision - scale, 1);
  return scale > 0
    ? `^-?\\d{1,${integerDigits}}(\\.\\d{1,${scale}})?$|^NaN$`
    : `^-?\\d{1,${integerDigits}}$|^NaN$`;
}
