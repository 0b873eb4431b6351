import { FieldMapping } from '../types/field-mapping.type';
import { reverseTransform } from './reverse-transform.util';

const STATUS_MAP = { in_transit: 'On its way', delivered: 'Delivered', '3': 'Lost' };

const reverse = (
  transform: FieldMapping['transform'],
  value: unknown,
  enumMap?: Record<string, string>,
) => reverseTransform({ transform, enumMap }, value);

describe(reverseTransform.name, () => {
  it.each([
    undefined,
    'string',
    'number',
    'integer',
    'boolean',
    'date',
    'datetime',
    'epoch_ms',
    'midnight_epoch_ms',
    'enum',
  ] as const)("reads null, absent and '' as null (transform %s)", (transform) => {
    for (const value of [null, undefined, '']) {
      expect(reverse(transform, value, STATUS_MAP)).toEqual({ ok: true, value: null });
    }
  });

  it('refuses arrays and objects', () => {
    expect(reverse('string', ['a'])).toEqual({
      ok: false,
      reason: '["a"] is an array, not a property value',
    });
    expect(reverse(undefined, { a: 1 })).toMatchObject({ ok: false });
  });

  it('keeps text and scalars as they are without a transform', () => {
    expect(reverse(undefined, 'Pallet 3')).toEqual({ ok: true, value: 'Pallet 3' });
    expect(reverse(undefined, 7)).toEqual({ ok: true, value: 7 });
    expect(reverse('string', 7)).toEqual({ ok: true, value: '7' });
  });

  it('keeps a decimal string exact for number, and reads integers as numbers', () => {
    expect(reverse('number', '12.50')).toEqual({ ok: true, value: '12.50' });
    expect(reverse('number', '12345678901234567890.01')).toEqual({
      ok: true,
      value: '12345678901234567890.01',
    });
    expect(reverse('number', 12.5)).toEqual({ ok: true, value: 12.5 });
    expect(reverse('integer', '42')).toEqual({ ok: true, value: 42 });
    expect(reverse('integer', '42.0')).toEqual({ ok: true, value: 42 });
    expect(reverse('integer', -0)).toEqual({ ok: true, value: 0 });
  });

  it('refuses what is not a number, or not an exact integer', () => {
    expect(reverse('number', 'heavy')).toEqual({ ok: false, reason: '"heavy" is not a number' });
    expect(reverse('number', true)).toMatchObject({ ok: false });
    expect(reverse('integer', '4.5')).toEqual({ ok: false, reason: '"4.5" is not an integer' });
    expect(reverse('integer', '9007199254740993')).toEqual({
      ok: false,
      reason: '"9007199254740993" is not an integer within ±(2^53 − 1)',
    });
    expect(reverse('integer', 2 ** 60)).toEqual({
      ok: false,
      reason: '1152921504606847000 is beyond ±(2^53 − 1)',
    });
  });

  it('reads booleans and their text', () => {
    expect(reverse('boolean', 'true')).toEqual({ ok: true, value: true });
    expect(reverse('boolean', 'FALSE')).toEqual({ ok: true, value: false });
    expect(reverse('boolean', false)).toEqual({ ok: true, value: false });
    expect(reverse('boolean', 'yes')).toEqual({
      ok: false,
      reason: '"yes" is not a boolean (expected true or false)',
    });
  });

  it('reads dates and timestamps as the UTC day or instant', () => {
    expect(reverse('date', '2026-03-02')).toEqual({ ok: true, value: '2026-03-02' });
    expect(reverse('date', '2026-03-02T23:30:00-02:00')).toEqual({ ok: true, value: '2026-03-03' });
    expect(reverse('datetime', '2026-03-02T12:00:00+01:00')).toEqual({
      ok: true,
      value: '2026-03-02T11:00:00.000Z',
    });
    expect(reverse('date', '2026-02-30')).toMatchObject({ ok: false });
    // ms only where the destination sends ms: a date property given digits is not a date.
    expect(reverse('date', '1772409600000')).toMatchObject({ ok: false });
  });

  it('reads epoch ms as numbers, digit strings or ISO text', () => {
    const ms = Date.UTC(2026, 2, 2, 11, 0, 0, 250);
    for (const value of [ms, String(ms), '2026-03-02T11:00:00.250Z']) {
      expect(reverse('epoch_ms', value)).toEqual({ ok: true, value: '2026-03-02T11:00:00.250Z' });
      expect(reverse('midnight_epoch_ms', value)).toEqual({ ok: true, value: '2026-03-02' });
    }
    expect(reverse('epoch_ms', 1.5)).toMatchObject({ ok: false });
    expect(reverse('epoch_ms', 9e15)).toEqual({
      ok: false,
      reason: '9000000000000000 is not ms since the epoch, a date or an ISO-8601 timestamp',
    });
  });

  it('maps an enum value back to its key', () => {
    expect(reverse('enum', 'Delivered', STATUS_MAP)).toEqual({ ok: true, value: 'delivered' });
    expect(reverse('enum', 'Lost', STATUS_MAP)).toEqual({ ok: true, value: '3' });
  });

  it('refuses an enum value no key maps to', () => {
    expect(reverse('enum', 'Returned', STATUS_MAP)).toEqual({
      ok: false,
      reason: '"Returned" is not a value of enumMap (known: Lost, On its way, Delivered)',
    });
    expect(reverse('enum', 'Delivered')).toEqual({
      ok: false,
      reason: "transform 'enum' needs an enumMap",
    });
  });

  it('refuses an enum value several keys map to: the record value is unknown', () => {
    const manyToOne = { in_transit: 'Open', held_at_customs: 'Open', delivered: 'Closed' };
    expect(reverse('enum', 'Open', manyToOne)).toEqual({
      ok: false,
      reason:
        '"Open" is the enumMap value of several keys (in_transit, held_at_customs): which one the record had is unknown',
    });
    expect(reverse('enum', 'Closed', manyToOne)).toEqual({ ok: true, value: 'delivered' });
  });
});
