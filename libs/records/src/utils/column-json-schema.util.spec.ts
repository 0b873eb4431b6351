import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ColumnDefinition } from '../types/column-definition.type';
import { columnJsonSchema } from './column-json-schema.util';

// Compiled as EntityRegistry compiles them (strict mode, formats), so these are the answers the
// API and the sync-worker get.
const ajv = addFormats(new Ajv({ allErrors: true, strict: true }));
const accepts = (column: ColumnDefinition, value: unknown): boolean =>
  ajv.compile(columnJsonSchema(column))(value);

describe(columnJsonSchema.name, () => {
  it('lets a nullable column be null and a required one not', () => {
    expect(accepts({ kind: 'text', nullable: true }, null)).toBe(true);
    expect(accepts({ kind: 'text', nullable: false }, null)).toBe(false);
    expect(accepts({ kind: 'jsonb', nullable: false }, null)).toBe(false);
  });

  it('lets a nullable enum be null or one of its values, nothing else', () => {
    const industry: ColumnDefinition = { kind: 'enum', nullable: true, values: ['tech', 'retail'] };
    expect(accepts(industry, null)).toBe(true);
    expect(accepts(industry, 'tech')).toBe(true);
    expect(accepts(industry, 'crypto')).toBe(false);
    expect(accepts(industry, 'TECH')).toBe(false);
  });

  it('refuses null for a required enum even though null is a JSON value', () => {
    expect(accepts({ kind: 'enum', nullable: false, values: ['lead'] }, null)).toBe(false);
  });

  it('does not change the column definition it was built from', () => {
    const values = ['tech'];
    columnJsonSchema({ kind: 'enum', nullable: true, values });
    expect(values).toEqual(['tech']);
  });

  it('holds integer columns to int4, as Postgres does', () => {
    const score: ColumnDefinition = { kind: 'integer', nullable: false };
    expect(accepts(score, 2147483647)).toBe(true);
    expect(accepts(score, -2147483648)).toBe(true);
    expect(accepts(score, 2147483648)).toBe(false);
    expect(accepts(score, 1.5)).toBe(false);
    expect(accepts(score, '7')).toBe(false);
  });

  it('takes numeric(18,2) as an exact decimal string only', () => {
    const amount: ColumnDefinition = { kind: 'numeric', nullable: true };
    for (const ok of ['0', '1234.5', '1234.50', '-0.01', '9999999999999999.99', null]) {
      expect({ ok, accepted: accepts(amount, ok) }).toEqual({ ok, accepted: true });
    }
    // A JS number would lose cents; exponents, three decimals and 17 integer digits overflow.
    for (const bad of [1234.5, '1e3', '1.234', '12345678901234567', '1,5', '.5', '']) {
      expect({ bad, accepted: accepts(amount, bad) }).toEqual({ bad, accepted: false });
    }
  });

  it('takes timestamptz only with a zone, so no reader has to guess one', () => {
    const at: ColumnDefinition = { kind: 'timestamptz', nullable: true };
    expect(accepts(at, '2024-03-01T12:34:56.789Z')).toBe(true);
    expect(accepts(at, '2024-03-01T07:34:56.789-05:00')).toBe(true);
    expect(accepts(at, '2024-03-01T12:34:56')).toBe(false);
    expect(accepts(at, '2024-03-01')).toBe(false);
  });

  it('takes a date as a real calendar day YYYY-MM-DD', () => {
    const day: ColumnDefinition = { kind: 'date', nullable: true };
    expect(accepts(day, '2024-02-29')).toBe(true);
    expect(accepts(day, '2023-02-29')).toBe(false);
    expect(accepts(day, '2024-03-01T00:00:00Z')).toBe(false);
    expect(accepts(day, 19783)).toBe(false);
  });

  it('takes jsonb as an object, never as JSON text', () => {
    const fields: ColumnDefinition = { kind: 'jsonb', nullable: false };
    expect(accepts(fields, { tier: 'gold' })).toBe(true);
    expect(accepts(fields, '{"tier":"gold"}')).toBe(false);
    expect(accepts(fields, [])).toBe(false);
  });

  it('adds the extra keywords of the definition (format, pattern, bounds)', () => {
    const currency: ColumnDefinition = {
      kind: 'text',
      nullable: false,
      schema: { pattern: '^[A-Z]{3}$' },
    };
    expect(accepts(currency, 'EUR')).toBe(true);
    expect(accepts(currency, 'eur')).toBe(false);
    const ref: ColumnDefinition = { kind: 'uuid', nullable: true, schema: { format: 'uuid' } };
    expect(accepts(ref, null)).toBe(true);
    expect(accepts(ref, 'not-a-uuid')).toBe(false);
  });
});
