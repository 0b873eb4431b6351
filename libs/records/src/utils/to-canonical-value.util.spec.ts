import { ColumnDefinition } from '../types/column-definition.type';
import { ColumnKind } from '../types/column-kind.type';
import { toCanonicalValue } from './to-canonical-value.util';

const column = (kind: ColumnKind, extra: Partial<ColumnDefinition> = {}): ColumnDefinition => ({
  kind,
  nullable: true,
  ...extra,
});

// Each case gives one value as Debezium sends it and as Postgres prints it (the source pool keeps
// text, TimeZone UTC, IntervalStyle iso_8601): both must become the same canonical value, or the
// cache would flip between two forms of one row depending on which path wrote it last.
describe(toCanonicalValue.name, () => {
  it.each<[string, ColumnDefinition, unknown, unknown, unknown]>([
    ['smallint', column('smallint'), -7, '-7', -7],
    ['integer', column('integer'), 2147483647, '2147483647', 2147483647],
    ['bigint', column('bigint'), 9007199254740991, '9007199254740991', 9007199254740991],
    [
      'numeric(12,3)',
      column('numeric', { precision: 12, scale: 3 }),
      '1234.500',
      '1234.500',
      '1234.500',
    ],
    ['real', column('real'), 1.1, '1.1', 1.1],
    ['double NaN', column('double'), 'NaN', 'NaN', 'NaN'],
    ['boolean', column('boolean'), true, 't', true],
    [
      'uuid',
      column('uuid'),
      '6F1C1A52-3B1F-4C0A-9D5E-2B9F7A0C1D2E',
      '6f1c1a52-3b1f-4c0a-9d5e-2b9f7a0c1d2e',
      '6f1c1a52-3b1f-4c0a-9d5e-2b9f7a0c1d2e',
    ],
    ['date', column('date'), 19783, '2024-03-01', '2024-03-01'],
    ['date before 1970', column('date'), -1, '1969-12-31', '1969-12-31'],
    ['time', column('time'), 45_296_500_000, '12:34:56.5', '12:34:56.5'],
    ['time, whole second', column('time'), 45_296_000_000, '12:34:56', '12:34:56'],
    [
      'timestamp(6)',
      column('timestamp'),
      1_709_296_496_789_123,
      '2024-03-01 12:34:56.789123',
      '2024-03-01T12:34:56.789123',
    ],
    [
      'timestamp(3)',
      column('timestamp', { precision: 3 }),
      1_709_296_496_789,
      '2024-03-01 12:34:56.789',
      '2024-03-01T12:34:56.789',
    ],
    [
      'timestamptz',
      column('timestamptz'),
      '2024-03-01T12:34:56.789123Z',
      '2024-03-01 12:34:56.789123+00',
      '2024-03-01T12:34:56.789123Z',
    ],
    [
      'timestamptz, whole second',
      column('timestamptz'),
      '2024-03-01T12:34:56Z',
      '2024-03-01 12:34:56+00',
      '2024-03-01T12:34:56Z',
    ],
    ['interval', column('interval'), 'P1Y2M3DT4H5M6.5S', 'P1Y2M3DT4H5M6.5S', 'P1Y2M3DT4H5M6.5S'],
    ['interval with zero parts', column('interval'), 'P0Y0M1DT0H0M0S', 'P1D', 'P1D'],
    ['zero interval', column('interval'), 'P0Y0M0DT0H0M0S', 'PT0S', 'PT0S'],
    ['negative interval', column('interval'), 'P0Y0M1DT-2H0M0S', 'P1DT-2H', 'P1DT-2H'],
    ['jsonb', column('jsonb'), '{"a": [1, "x"]}', '{"a": [1, "x"]}', { a: [1, 'x'] }],
    ['json scalar', column('json'), '"text"', '"text"', 'text'],
    ['bytea', column('bytea'), 'AQL/', '\\x0102ff', 'AQL/'],
    ['enum', column('enum', { values: ['good', 'bad'] }), 'good', 'good', 'good'],
    [
      'int array',
      column('array', { element: column('integer') }),
      [1, null, 3],
      '{1,NULL,3}',
      [1, null, 3],
    ],
    [
      'text array with odd values',
      column('array', { element: column('text') }),
      ['a,b', 'q"q', ''],
      '{"a,b","q\\"q",""}',
      ['a,b', 'q"q', ''],
    ],
    [
      '2-d numeric array',
      column('array', { element: column('numeric') }),
      [
        ['1.50', '2'],
        ['3', '4'],
      ],
      '{{1.50,2},{3,4}}',
      [
        ['1.50', '2'],
        ['3', '4'],
      ],
    ],
    [
      'date array',
      column('array', { element: column('date') }),
      [19783],
      '{2024-03-01}',
      ['2024-03-01'],
    ],
  ])(
    '%s: Debezium and Postgres forms agree',
    (_label, definition, fromDebezium, fromPostgres, canonical) => {
      expect(toCanonicalValue(definition, fromDebezium)).toEqual(canonical);
      expect(toCanonicalValue(definition, fromPostgres)).toEqual(canonical);
    },
  );

  it('maps null and undefined (a column absent from the row) to null for every kind', () => {
    for (const kind of [
      'uuid',
      'text',
      'integer',
      'jsonb',
      'date',
      'timestamptz',
      'array',
    ] as const) {
      expect(toCanonicalValue(column(kind), null)).toBeNull();
      expect(toCanonicalValue(column(kind), undefined)).toBeNull();
    }
  });

  it('takes node-postgres parsed values: Date, Buffer, arrays', () => {
    expect(toCanonicalValue(column('timestamptz'), new Date('2024-03-01T12:34:56.789Z'))).toBe(
      '2024-03-01T12:34:56.789Z',
    );
    expect(toCanonicalValue(column('bytea'), Buffer.from([1, 2, 255]))).toBe('AQL/');
    expect(toCanonicalValue(column('date'), new Date('2024-03-01T00:00:00.000Z'))).toBe(
      '2024-03-01',
    );
  });

  it("reads Debezium's UTC timestamptz text as the instant Date reads, on every day of the year", () => {
    for (let day = 0; day < 2 * 366; day += 1) {
      const instant = new Date(Date.UTC(2023, 0, 1) + day * 86_400_000 + day * 61_001);
      const text = `${instant.toISOString().slice(0, 19)}.123456Z`;
      expect(toCanonicalValue(column('timestamptz'), text)).toBe(text);
    }
    // Not a valid instant: Date decides, as for any other text.
    expect(toCanonicalValue(column('timestamptz'), '2023-02-29T10:00:00Z')).toBe(
      String(toCanonicalValue(column('timestamptz'), '2023-02-29T10:00:00+00')),
    );
  });

  it('normalises a timestamptz with an offset west of UTC to the UTC instant', () => {
    expect(toCanonicalValue(column('timestamptz'), '2024-02-29 21:30:00.25-05')).toBe(
      '2024-03-01T02:30:00.25Z',
    );
  });

  it('passes through what does not fit its kind, for validation to reject', () => {
    expect(toCanonicalValue(column('timestamptz'), 'infinity')).toBe('infinity');
    expect(toCanonicalValue(column('date'), 108_853_222)).toBe(108_853_222);
    expect(toCanonicalValue(column('integer'), '12abc')).toBe('12abc');
    expect(toCanonicalValue(column('jsonb'), '{not json')).toBe('{not json');
    expect(toCanonicalValue(column('interval'), 'every day')).toBe('every day');
  });
});
