import { ColumnDefinition } from '../types/column-definition.type';

const INT32 = { minimum: -2147483648, maximum: 2147483647 };

/** The JSON Schema of one column's canonical value. */
export function columnJsonSchema(column: ColumnDefinition): Record<string, unknown> {
  const base = ((): Record<string, unknown> => {
    switch (column.kind) {
      case 'uuid':
      case 'text':
        return { type: 'string' };
      case 'enum':
        return { type: 'string', enum: [...(column.values ?? [])] };
      case 'integer':
        return { type: 'integer', ...INT32 };
      case 'bigint':
        return { type: 'integer' };
      case 'numeric':
        return { type: 'string', pattern: '^-?\\d{1,16}(\\.\\d{1,2})?$' };
      case 'boolean':
        return { type: 'boolean' };
      case 'timestamptz':
        return { type: 'string', format: 'date-time' };
      case 'date':
        return { type: 'string', format: 'date' };
      case 'jsonb':
        return { type: 'object' };
    }
  })();
  const schema = { ...base, ...column.schema };
  if (!column.nullable) return schema;
  // `enum` must list null too, or a nullable enum column rejects it.
  if (Array.isArray(schema.enum)) schema.enum = [...(schema.enum as unknown[]), null];
  return { ...schema, type: [schema.type, 'null'] };
}
