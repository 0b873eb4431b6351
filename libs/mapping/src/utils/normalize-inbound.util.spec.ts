import { FieldMapping } from '../types/field-mapping.type';
import { applyTransform } from './apply-transform.util';
import { normalizeInbound } from './normalize-inbound.util';

const STATUS_MAP = { in_transit: 'On its way', delivered: 'Delivered', '3': 'Lost' };

// Column values of a shipments row, per transform: what the forward path is given.
const SAMPLES: [FieldMapping, unknown[]][] = [
  [{ source: 'notes', target: 'notes' }, ['side door', 42, true, -1.5]],
  [{ source: 'notes', target: 'notes', transform: 'string' }, ['Zoë 📦', 12, false, { a: [1] }]],
  [
    { source: 'weight_kg', target: 'weight', transform: 'number' },
    ['12.50', '0', '-3.125', 7, '1.5e-7'],
  ],
  [{ source: 'pieces', target: 'pieces', transform: 'integer' }, [3, '-12', 9007199254740991]],
  [{ source: 'fragile', target: 'fragile', transform: 'boolean' }, [true, false, 'TRUE']],
  [
    { source: 'shipped_on', target: 'ship_date', transform: 'date' },
    ['2026-03-02', '0001-01-01', '2026-03-02T23:59:59.999-05:00'],
  ],
  [
    { source: 'delivered_at', target: 'delivered', transform: 'datetime' },
    ['2026-03-02T10:00:00.123456Z', '1969-12-31T23:59:59.999+00:00', '2026-03-02'],
  ],
  [
    { source: 'delivered_at', target: 'delivered', transform: 'epoch_ms' },
    ['2026-03-02T10:00:00.123456Z', '1969-07-20T20:17:40Z', '2026-03-02'],
  ],
  [
    { source: 'shipped_on', target: 'ship_date', transform: 'midnight_epoch_ms' },
    ['2026-03-02', '1960-02-29', '2026-03-02T22:00:00-04:00'],
  ],
  [
    { source: 'status', target: 'stage', transform: 'enum', enumMap: STATUS_MAP },
    ['in_transit', 'delivered', 3],
  ],
];

describe(normalizeInbound.name, () => {
  it.each(SAMPLES.map(([field, values]) => [field.transform ?? 'none', field, values] as const))(
    'reads what transform %s sent back to the same destination value',
    (_name, field, values) => {
      for (const value of values) {
        const sent = applyTransform(field.transform, value, field.enumMap);
        if (!sent.ok) throw new Error(`sample ${String(value)} does not map: ${sent.reason}`);
        const read = normalizeInbound(field, sent.value);
        expect({ value, read }).toEqual({
          value,
          read: expect.objectContaining({ ok: true, value: sent.value }),
        });
        // The column value maps forward to it too: writing it to the row sends the same value.
        if (read.ok)
          expect(applyTransform(field.transform, read.column, field.enumMap)).toEqual(sent);
      }
    },
  );

  it('gives the column value and the forward value apart', () => {
    const field: FieldMapping = { source: 'weight_kg', target: 'weight', transform: 'number' };
    expect(normalizeInbound(field, '13.250')).toEqual({ ok: true, value: 13.25, column: '13.250' });
  });

  it('applies default, maxLength and truncate as the outbound path does', () => {
    const notes: FieldMapping = {
      source: 'notes',
      target: 'notes',
      maxLength: 5,
      truncate: true,
      default: 'none',
    };
    expect(normalizeInbound(notes, 'side door')).toEqual({
      ok: true,
      value: 'side ',
      column: 'side door',
    });
    expect(normalizeInbound(notes, '')).toEqual({ ok: true, value: 'none', column: null });
  });

  it('fails a cleared required field, and a value that does not read back', () => {
    const weight: FieldMapping = {
      source: 'weight_kg',
      target: 'weight',
      transform: 'number',
      required: true,
    };
    expect(normalizeInbound(weight, null)).toEqual({
      ok: false,
      reason: 'is required but the record has no value',
    });
    expect(normalizeInbound(weight, '12,5')).toEqual({
      ok: false,
      reason: '"12,5" is not a number',
    });
  });

  it('fails a number the outbound path could not send exactly', () => {
    const weight: FieldMapping = { source: 'weight_kg', target: 'weight', transform: 'number' };
    expect(normalizeInbound(weight, '12345678901234567890.01')).toMatchObject({ ok: false });
  });
});
