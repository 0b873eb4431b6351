import { toCanonicalValue } from './to-canonical-value.util';

// Every expectation below uses explicit instants (UTC or with an offset), so the result must not
// depend on the process time zone; a canonical value that did would differ between hosts.
describe(toCanonicalValue.name, () => {
  it('maps null and undefined (a column absent from the row) to null for every kind', () => {
    for (const kind of ['uuid', 'text', 'integer', 'jsonb', 'date', 'timestamptz'] as const) {
      expect(toCanonicalValue(kind, null)).toBeNull();
      expect(toCanonicalValue(kind, undefined)).toBeNull();
    }
  });

  describe('timestamptz', () => {
    it("truncates Debezium's microsecond ISO string to the millisecond UTC form", () => {
      expect(toCanonicalValue('timestamptz', '2024-03-01T12:34:56.789123Z')).toBe(
        '2024-03-01T12:34:56.789Z',
      );
      // ZonedTimestamp drops a zero fraction entirely.
      expect(toCanonicalValue('timestamptz', '2024-03-01T12:34:56Z')).toBe(
        '2024-03-01T12:34:56.000Z',
      );
    });

    it('gives a node-postgres Date the same form as the equivalent Debezium string', () => {
      const fromPg = new Date(Date.UTC(2024, 2, 1, 12, 34, 56, 789));
      expect(toCanonicalValue('timestamptz', fromPg)).toBe(
        toCanonicalValue('timestamptz', '2024-03-01T12:34:56.789123Z'),
      );
    });

    it('normalises an explicit offset west of UTC to the UTC instant', () => {
      // 21:30 in New York on 29 Feb is already 1 March in UTC.
      expect(toCanonicalValue('timestamptz', '2024-02-29T21:30:00.000-05:00')).toBe(
        '2024-03-01T02:30:00.000Z',
      );
    });

    it('passes through what is no instant, for validation to reject', () => {
      expect(toCanonicalValue('timestamptz', 'infinity')).toBe('infinity');
      expect(toCanonicalValue('timestamptz', true)).toBe(true);
    });
  });

  describe('date', () => {
    it("turns Debezium's days-since-epoch into YYYY-MM-DD, before and after 1970", () => {
      expect(toCanonicalValue('date', 0)).toBe('1970-01-01');
      expect(toCanonicalValue('date', 19783)).toBe('2024-03-01');
      expect(toCanonicalValue('date', 19782)).toBe('2024-02-29');
      expect(toCanonicalValue('date', -1)).toBe('1969-12-31');
      expect(toCanonicalValue('date', -719162)).toBe('0001-01-01');
    });

    it("keeps node-postgres' 'YYYY-MM-DD' string (createSourcePool's parser) as it is", () => {
      expect(toCanonicalValue('date', '2024-03-01')).toBe('2024-03-01');
    });

    it('reads a Date object by its UTC calendar day, whatever the process time zone', () => {
      expect(toCanonicalValue('date', new Date('2024-03-01T00:00:00.000Z'))).toBe('2024-03-01');
      // Late evening west of UTC is the next UTC day.
      expect(toCanonicalValue('date', new Date('2024-02-29T23:30:00.000-05:00'))).toBe(
        '2024-03-01',
      );
    });

    // BUG (to-canonical-value.util.ts:23-24): a day count beyond JS Date's range (Postgres allows
    // dates up to year 5874897; Debezium sends them as int32 days) or an invalid Date makes
    // `toISOString()` throw RangeError instead of passing the value through for validation.
    it.each([
      ["the day count of 300000-01-01 (past JS Date's year 275760)", 108_853_222],
      ['an invalid Date', new Date(Number.NaN)],
    ])('passes through %s instead of throwing', (_label, value) => {
      expect(toCanonicalValue('date', value)).toBe(value);
    });
  });

  describe('jsonb', () => {
    it("parses Debezium's JSON text and keeps node-postgres' parsed value", () => {
      expect(toCanonicalValue('jsonb', '{"tier":"gold","tags":["a"]}')).toEqual({
        tier: 'gold',
        tags: ['a'],
      });
      const parsed = { tier: 'gold' };
      expect(toCanonicalValue('jsonb', parsed)).toBe(parsed);
    });

    it('passes through text that is not JSON, for validation to reject', () => {
      expect(toCanonicalValue('jsonb', '{not json')).toBe('{not json');
    });
  });

  describe('bigint and integer', () => {
    it("turns node-postgres' bigint string into a number", () => {
      expect(toCanonicalValue('bigint', '9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
      expect(toCanonicalValue('bigint', '-42')).toBe(-42);
      expect(toCanonicalValue('integer', 7)).toBe(7);
    });

    it('leaves strings that are not whole numbers alone', () => {
      expect(toCanonicalValue('bigint', '1.5')).toBe('1.5');
      expect(toCanonicalValue('integer', '12abc')).toBe('12abc');
      expect(toCanonicalValue('integer', '')).toBe('');
    });
  });

  describe('numeric', () => {
    it('keeps the exact decimal string both sources send (decimal.handling.mode=string)', () => {
      expect(toCanonicalValue('numeric', '1234.50')).toBe('1234.50');
      expect(toCanonicalValue('numeric', '-0.01')).toBe('-0.01');
    });

    it('turns a JS number into its decimal string', () => {
      expect(toCanonicalValue('numeric', 1234.5)).toBe('1234.5');
    });
  });

  it('keeps uuid, text, enum and boolean values as they are', () => {
    expect(toCanonicalValue('uuid', '6f1c1a52-3b1f-4c0a-9d5e-2b9f7a0c1d2e')).toBe(
      '6f1c1a52-3b1f-4c0a-9d5e-2b9f7a0c1d2e',
    );
    expect(toCanonicalValue('text', ' spaced ')).toBe(' spaced ');
    expect(toCanonicalValue('enum', 'lead')).toBe('lead');
    expect(toCanonicalValue('boolean', false)).toBe(false);
  });
});
