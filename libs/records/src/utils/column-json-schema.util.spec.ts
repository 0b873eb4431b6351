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
    expect(accepts({ kind: 'integer', nullable: false }, null)).toBe(false);
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
    const amount: ColumnDefinition = { kind: 'numeric', nullable: true, precision: 18, scale: 2 };
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

  it('takes json and jsonb as any JSON value: the parsed document, never re-encoded text', () => {
    const fields: ColumnDefinition = { kind: 'jsonb', nullable: true };
    for (const value of [{ tier: 'gold' }, [], 'text', 3, true, null])
      expect(accepts(fields, value)).toBe(true);
  });

  it('holds varchar(n) and char(n) to their length, smallint to int2', () => {
    expect(accepts({ kind: 'text', nullable: false, maxLength: 4 }, 'abcd')).toBe(true);
    expect(accepts({ kind: 'text', nullable: false, maxLength: 4 }, 'abcde')).toBe(false);
    expect(accepts({ kind: 'smallint', nullable: false }, 32767)).toBe(true);
    expect(accepts({ kind: 'smallint', nullable: false }, 32768)).toBe(false);
  });

  it('takes bigint only within the safe integers a JSON number keeps exactly', () => {
    expect(accepts({ kind: 'bigint', nullable: false }, Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(accepts({ kind: 'bigint', nullable: false }, 2 ** 53)).toBe(false);
  });

  it('takes time, timestamp and interval in their canonical text forms only', () => {
    expect(accepts({ kind: 'time', nullable: false }, '12:34:56.5')).toBe(true);
    expect(accepts({ kind: 'time', nullable: false }, '12:34')).toBe(false);
    expect(accepts({ kind: 'timestamp', nullable: false }, '2024-03-01T12:34:56.123456')).toBe(
      true,
    );
    expect(accepts({ kind: 'timestamp', nullable: false }, '2024-03-01T12:34:56Z')).toBe(false);
    expect(accepts({ kind: 'interval', nullable: false }, 'P1DT-2H')).toBe(true);
    expect(accepts({ kind: 'interval', nullable: false }, 'P')).toBe(false);
  });

  it('checks every element of an array, NULL elements and nested dimensions allowed', () => {
    const levels: ColumnDefinition = {
      kind: 'array',
      nullable: true,
      element: { kind: 'numeric', nullable: false, precision: 5, scale: 2 },
    };
    expect(accepts(levels, ['1.50', null, '99.99'])).toBe(true);
    expect(accepts(levels, [['1.5'], ['2']])).toBe(true);
    expect(accepts(levels, ['1000.00'])).toBe(false);
    expect(accepts(levels, '{1.5}')).toBe(false);
  });

  it('refuses every value of a column whose type is unsupported, and lets NULL through', () => {
    const point: ColumnDefinition = { kind: 'unsupported', nullable: true, pgType: 'point' };
    expect(accepts(point, '(1,2)')).toBe(false);
    expect(accepts(point, null)).toBe(true);
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
