import { CollectionRegistry } from '@syncline/records';
import { debeziumEvent, SENSOR_READINGS } from '../testing/inventory-collections';
import { DebeziumDecoder } from './debezium-decoder';

// Pairs of (what Debezium 3.4 sends, what Postgres prints with TimeZone UTC and IntervalStyle
// iso_8601) for the same stored value, recorded from public.sensor_readings on the stack with the
// connector's settings (decimal.handling.mode=string, interval.handling.mode=string,
// binary.handling.mode=base64, time.precision.mode=adaptive_time_microseconds).
const SAME_VALUE: [string, unknown, string | null][] = [
  ['small_value', -32768, '-32768'],
  ['int_value', 2147483647, '2147483647'],
  ['big_value', 9007199254740991, '9007199254740991'],
  ['exact_value', '123456789.120', '123456789.120'],
  ['exact_value', 'NAN', 'NaN'],
  ['any_numeric', '0.000000000000000001', '0.000000000000000001'],
  ['any_numeric', 'POSITIVE_INFINITY', 'Infinity'],
  ['any_numeric', 'NEGATIVE_INFINITY', '-Infinity'],
  ['real_value', 1.1, '1.1'],
  ['real_value', 1.4e-45, '1e-45'],
  ['real_value', 16777216, '1.6777216e+07'],
  ['real_value', 'NaN', 'NaN'],
  ['double_value', 1e-7, '1e-07'],
  ['double_value', 'Infinity', 'Infinity'],
  ['label', 'a"b\\c', 'a"b\\c'],
  ['code', 'ab  ', 'ab  '],
  ['active', false, 'f'],
  ['device', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
  ['read_on', 10956, '1999-12-31'],
  ['read_at_time', 86399999999, '23:59:59.999999'],
  ['read_at_time', 86400000000, '24:00:00'],
  ['read_at', 1709208000000001, '2024-02-29 12:00:00.000001'],
  ['read_at', -62135596800000000, '0001-01-01 00:00:00'],
  ['read_at', 9223372036825200000, 'infinity'],
  ['read_at_tz', '2024-02-29T10:00:00.500000Z', '2024-02-29 10:00:00.5+00'],
  ['read_at_tz', '1900-01-01T00:00:00.123456Z', '1900-01-01 00:00:00.123456+00'],
  ['window_length', 'P1Y2M3DT4H5M6.789S', 'P1Y2M3DT4H5M6.789S'],
  ['window_length', 'P0Y0M0DT0H0M-1.5S', 'PT-1.5S'],
  ['window_length', 'P0Y1M-1DT0H0M1.000001S', 'P1M-1DT1.000001S'],
  ['raw_json', '{"b": 1,  "a": [1,2]}', '{"b": 1,  "a": [1,2]}'],
  ['attributes', '"x"', '"x"'],
  ['payload', 'AP8Q', '\\x00ff10'],
  ['payload', '', '\\x'],
  ['quality', 'suspect', 'suspect'],
  ['quality', null, null],
  ['battery', '12.50', '12.50'],
  ['samples', [1.5, 'NaN', '-Infinity'], '{1.5,NaN,-Infinity}'],
  ['tags', ['a,b', 'c"d'], '{"a,b","c\\"d"}'],
  ['qualities', ['good', 'bad'], '{good,bad}'],
];

describe('Debezium values of every column kind', () => {
  const registry = CollectionRegistry.of([SENSOR_READINGS]);
  const decoder = new DebeziumDecoder(registry);
  const base = { reading_id: 1, site: 'north', active: true, read_at_tz: '2024-01-01T00:00:00Z' };

  it.each(SAME_VALUE)(
    '%s: Debezium %j canonicalizes like Postgres %j',
    (column, debezium, text) => {
      const after = { ...base, [column]: debezium };
      const event = debeziumEvent('c', SENSOR_READINGS, { after });
      const decoded = decoder.decode({
        topic: 'syncline.public.sensor_readings',
        partition: 0,
        offset: '1',
        key: null,
        value: Buffer.from(JSON.stringify(event)),
      });
      if (decoded.type !== 'change') throw new Error(`expected a change, got ${decoded.type}`);
      const fromPostgres = registry.canonicalize(SENSOR_READINGS, { ...base, [column]: text });
      expect(decoded.change.row[column]).toEqual(fromPostgres[column]);
    },
  );

  it('gives rows of both sources that pass validation for every representable value', () => {
    const row: Record<string, unknown> = { ...base };
    for (const [column, debezium] of SAME_VALUE) if (column !== 'read_at') row[column] = debezium;
    expect(() =>
      registry.validate(SENSOR_READINGS, registry.canonicalize(SENSOR_READINGS, row)),
    ).not.toThrow();
  });

  it('refuses what cannot be represented, naming the column: a bigint beyond 2^53, infinity', () => {
    const row = registry.canonicalize(SENSOR_READINGS, {
      ...base,
      big_value: JSON.parse('9007199254740993') as number,
      read_at: 9223372036825200000,
    });
    expect(() => registry.validate(SENSOR_READINGS, row)).toThrow(/\/big_value.*\/read_at/);
  });
});
