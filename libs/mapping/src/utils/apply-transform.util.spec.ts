import { FieldValueResult } from '../types/field-value-result.type';
import { applyTransform } from './apply-transform.util';

const value = (result: FieldValueResult) => {
  if (!result.ok) throw new Error(`expected a value, got failure: ${result.reason}`);
  return result.value;
};
const reason = (result: FieldValueResult) => {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.reason;
};

describe(applyTransform.name, () => {
  describe('no transform (as it is)', () => {
    it('passes scalars through unchanged, numeric strings stay exact strings', () => {
      expect(value(applyTransform(undefined, 'Ada'))).toBe('Ada');
      expect(value(applyTransform(undefined, '1250.50'))).toBe('1250.50');
      expect(value(applyTransform(undefined, 87))).toBe(87);
      expect(value(applyTransform(undefined, false))).toBe(false);
    });

    it('refuses objects and arrays, which no destination property takes', () => {
      expect(reason(applyTransform(undefined, { a: 1 }))).toMatch(/is an object/);
      expect(reason(applyTransform(undefined, ['vip']))).toMatch(/is an array/);
    });
  });

  describe("'string'", () => {
    it('prints numbers and booleans, and jsonb values as canonical JSON', () => {
      expect(value(applyTransform('string', 42))).toBe('42');
      expect(value(applyTransform('string', true))).toBe('true');
      expect(value(applyTransform('string', { b: 1, a: ['x'] }))).toBe('{"a":["x"],"b":1}');
    });
  });

  describe("'number'", () => {
    it('turns an exact numeric string into a number', () => {
      expect(value(applyTransform('number', '1250.50'))).toBe(1250.5);
      expect(value(applyTransform('number', '-0.10'))).toBe(-0.1);
      expect(value(applyTransform('number', '9007199254740991'))).toBe(9007199254740991);
      expect(value(applyTransform('number', '-0'))).toBe(0);
      expect(Object.is(value(applyTransform('number', '-0')), -0)).toBe(false);
    });

    it('refuses numeric strings a double cannot hold exactly', () => {
      expect(reason(applyTransform('number', '12345678901234567890'))).toMatch(
        /without losing precision; use transform 'string'/,
      );
      expect(reason(applyTransform('number', '9007199254740993'))).toMatch(/losing precision/);
      expect(reason(applyTransform('number', '0.1000000000000000055511151231257827'))).toMatch(
        /losing precision/,
      );
    });

    it('refuses what is not a number at all', () => {
      expect(reason(applyTransform('number', 'abc'))).toBe('"abc" is not a number');
      expect(reason(applyTransform('number', ''))).toMatch(/is not a number/);
      expect(reason(applyTransform('number', 'NaN'))).toMatch(/is not a number/);
      expect(reason(applyTransform('number', ' 12'))).toMatch(/is not a number/);
      expect(reason(applyTransform('number', true))).toMatch(/is a boolean, not a number/);
    });

    it('keeps finite numbers', () => {
      expect(value(applyTransform('number', 87))).toBe(87);
      expect(value(applyTransform('number', 0.25))).toBe(0.25);
    });
  });

  describe("'integer'", () => {
    it('accepts whole values, also written with a zero fraction', () => {
      expect(value(applyTransform('integer', '1250'))).toBe(1250);
      expect(value(applyTransform('integer', '1250.00'))).toBe(1250);
      expect(value(applyTransform('integer', 87))).toBe(87);
    });

    it('refuses fractions instead of rounding them', () => {
      expect(reason(applyTransform('integer', '1250.50'))).toBe('"1250.50" is not an integer');
      expect(reason(applyTransform('integer', 2.5))).toMatch(/is not an integer/);
    });
  });

  describe("'boolean'", () => {
    it("reads booleans and the strings 'true'/'false'", () => {
      expect(value(applyTransform('boolean', true))).toBe(true);
      expect(value(applyTransform('boolean', 'false'))).toBe(false);
      expect(value(applyTransform('boolean', 'TRUE'))).toBe(true);
    });

    it('refuses anything else', () => {
      expect(reason(applyTransform('boolean', 'yes'))).toMatch(/is not a boolean/);
      expect(reason(applyTransform('boolean', 1))).toMatch(/is not a boolean/);
    });
  });

  describe("'date'", () => {
    it('keeps a valid date and turns a timestamp into its UTC day', () => {
      expect(value(applyTransform('date', '2024-02-29'))).toBe('2024-02-29');
      expect(value(applyTransform('date', '2024-03-01T23:30:00.000-02:00'))).toBe('2024-03-02');
    });

    it('refuses impossible dates and other text', () => {
      expect(reason(applyTransform('date', '2023-02-29'))).toMatch(/is not a valid date/);
      expect(reason(applyTransform('date', '2024-13-01'))).toMatch(/is not a valid date/);
      expect(reason(applyTransform('date', 'tomorrow'))).toMatch(/is not a valid date/);
      expect(reason(applyTransform('date', 1709251200000))).toMatch(/is a number, not a date/);
    });
  });

  describe("'datetime'", () => {
    it('normalises to ISO-8601 UTC with milliseconds', () => {
      expect(value(applyTransform('datetime', '2024-03-01T12:34:56.789412Z'))).toBe(
        '2024-03-01T12:34:56.789Z',
      );
      expect(value(applyTransform('datetime', '2024-03-01 14:34:56+02'))).toBe(
        '2024-03-01T12:34:56.000Z',
      );
      expect(value(applyTransform('datetime', '2024-03-01'))).toBe('2024-03-01T00:00:00.000Z');
    });

    it('refuses a timestamp without an offset: it names no instant', () => {
      expect(reason(applyTransform('datetime', '2024-03-01T12:34:56'))).toMatch(/not a valid/);
      expect(reason(applyTransform('datetime', '2024-03-01T24:00:00Z'))).toMatch(/not a valid/);
    });
  });

  describe("'epoch_ms'", () => {
    it('turns a timestamptz into ms since the epoch', () => {
      expect(value(applyTransform('epoch_ms', '2024-03-01T12:34:56.789Z'))).toBe(1709296496789);
      expect(value(applyTransform('epoch_ms', '2024-03-01T13:34:56.789+01:00'))).toBe(
        1709296496789,
      );
    });

    it('turns a date into its UTC midnight', () => {
      expect(value(applyTransform('epoch_ms', '2024-03-01'))).toBe(Date.UTC(2024, 2, 1));
    });
  });

  describe("'midnight_epoch_ms'", () => {
    it('turns a date into UTC midnight in ms, as HubSpot date properties require', () => {
      expect(value(applyTransform('midnight_epoch_ms', '2024-03-01'))).toBe(1709251200000);
      expect(value(applyTransform('midnight_epoch_ms', '1969-12-31'))).toBe(-86_400_000);
    });

    it('turns a timestamp into the midnight of its UTC day', () => {
      expect(value(applyTransform('midnight_epoch_ms', '2024-03-01T12:34:56.789Z'))).toBe(
        1709251200000,
      );
      expect(value(applyTransform('midnight_epoch_ms', '1969-12-31T12:00:00Z'))).toBe(-86_400_000);
    });
  });

  describe("'enum'", () => {
    const enumMap = { lead: 'LEAD', customer: 'CUSTOMER', true: 'YES' };

    it('maps listed values, numbers and booleans by their text', () => {
      expect(value(applyTransform('enum', 'customer', enumMap))).toBe('CUSTOMER');
      expect(value(applyTransform('enum', true, enumMap))).toBe('YES');
    });

    it('fails on a value the map does not list, naming the known ones', () => {
      expect(reason(applyTransform('enum', 'churned', enumMap))).toBe(
        '"churned" is not in enumMap (known: lead, customer, true)',
      );
    });

    it('does not find inherited keys such as constructor', () => {
      expect(reason(applyTransform('enum', 'constructor', enumMap))).toMatch(/not in enumMap/);
    });

    it('fails without an enumMap', () => {
      expect(reason(applyTransform('enum', 'lead'))).toMatch(/needs an enumMap/);
    });
  });
});
