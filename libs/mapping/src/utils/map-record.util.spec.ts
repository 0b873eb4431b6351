import { MappingFailedException } from '../exceptions/mapping-failed.exception';
import { EntityMapping } from '../types/entity-mapping.type';
import { FieldMapping } from '../types/field-mapping.type';
import { mapRecord } from './map-record.util';

const CONTACT = {
  tenant_id: 'acme',
  id: '6f1c1a52-3b1f-4c0a-9d5e-2b9f7a0c1d2e',
  email: 'ada@example.com',
  first_name: 'Ada',
  last_name: null,
  lifecycle_stage: 'customer',
  status: 'active',
  lead_score: 87,
  do_not_contact: false,
  last_contacted_at: '2024-03-01T12:34:56.789Z',
  notes: 'met at the conference',
  custom_fields: { plan: 'gold', seats: '12', tags: ['vip'] },
  version: 1042,
  created_at: '2024-01-15T08:00:00.000Z',
  updated_at: '2024-03-01T12:35:00.123Z',
};

const mapping = (fields: FieldMapping[]): Pick<EntityMapping, 'identity' | 'fields'> => ({
  identity: { source: 'id', target: 'syncline_id' },
  fields,
});

function failureOf(run: () => unknown): MappingFailedException {
  try {
    run();
  } catch (error) {
    if (error instanceof MappingFailedException) return error;
    throw error;
  }
  throw new Error('expected MappingFailedException');
}

describe(mapRecord.name, () => {
  it('maps a contact to HubSpot properties with the identity apart', () => {
    const mapped = mapRecord(
      mapping([
        { source: 'email', target: 'email' },
        { source: 'first_name', target: 'firstname' },
        { source: 'lead_score', target: 'lead_score', transform: 'number' },
        { source: 'last_contacted_at', target: 'notes_last_contacted', transform: 'epoch_ms' },
        { source: 'do_not_contact', target: 'hs_do_not_contact', transform: 'string' },
      ]),
      CONTACT,
    );
    expect(mapped).toEqual({
      identity: CONTACT.id,
      properties: {
        email: 'ada@example.com',
        firstname: 'Ada',
        lead_score: 87,
        notes_last_contacted: 1709296496789,
        hs_do_not_contact: 'false',
      },
    });
  });

  it('maps a deal amount and close date for HubSpot', () => {
    const deal = { id: 'deal-1', amount: '1250.50', close_date: '2024-03-01', custom_fields: {} };
    const mapped = mapRecord(
      mapping([
        { source: 'amount', target: 'amount', transform: 'number' },
        { source: 'close_date', target: 'closedate', transform: 'midnight_epoch_ms' },
      ]),
      deal,
    );
    expect(mapped.properties).toEqual({ amount: 1250.5, closedate: 1709251200000 });
  });

  it('reads custom fields one level down', () => {
    const mapped = mapRecord(
      mapping([
        { source: 'custom_fields.plan', target: 'plan' },
        { source: 'custom_fields.seats', target: 'seats', transform: 'integer' },
        { source: 'custom_fields.tags', target: 'tags', transform: 'string' },
        { source: 'custom_fields.missing', target: 'missing' },
      ]),
      CONTACT,
    );
    expect(mapped.properties).toEqual({ plan: 'gold', seats: 12, tags: '["vip"]', missing: null });
  });

  it('sends null for an empty optional field, which clears it at the destination', () => {
    const mapped = mapRecord(mapping([{ source: 'last_name', target: 'lastname' }]), CONTACT);
    expect(mapped.properties).toEqual({ lastname: null });
  });

  it('uses the default for a null or absent value, through the transform', () => {
    const mapped = mapRecord(
      mapping([
        { source: 'last_name', target: 'lastname', default: 'Unknown', required: true },
        {
          source: 'custom_fields.region',
          target: 'region',
          transform: 'enum',
          default: 'eu',
          enumMap: { eu: 'EMEA', us: 'AMER' },
        },
      ]),
      CONTACT,
    );
    expect(mapped.properties).toEqual({ lastname: 'Unknown', region: 'EMEA' });
  });

  it('fails a required field that is null, naming it', () => {
    const error = failureOf(() =>
      mapRecord(mapping([{ source: 'last_name', target: 'lastname', required: true }]), CONTACT),
    );
    expect(error.code).toBe('MAPPING_FAILED');
    expect(error.retriable).toBe(false);
    expect(error.issues).toEqual([
      { path: 'last_name', message: 'is required but the record has no value (target lastname)' },
    ]);
  });

  it('truncates long strings by code points when asked, never splitting an emoji', () => {
    const record = { id: 'c-1', notes: 'ab😀cd' };
    const mapped = mapRecord(
      mapping([
        { source: 'notes', target: 'three', maxLength: 3, truncate: true },
        { source: 'notes', target: 'two', maxLength: 2, truncate: true },
        { source: 'notes', target: 'fits', maxLength: 5 },
      ]),
      record,
    );
    expect(mapped.properties).toEqual({ three: 'ab😀', two: 'ab', fits: 'ab😀cd' });
  });

  it('fails a string over maxLength without truncate', () => {
    const error = failureOf(() =>
      mapRecord(mapping([{ source: 'notes', target: 'hs_notes', maxLength: 10 }]), CONTACT),
    );
    expect(error.issues).toEqual([
      {
        path: 'notes',
        message:
          'is 21 characters long; the maximum is 10 (set truncate to cut it) (target hs_notes)',
      },
    ]);
  });

  it('fails an enum value the map does not list, naming the field and value', () => {
    const error = failureOf(() =>
      mapRecord(
        mapping([
          {
            source: 'custom_fields.plan',
            target: 'plan_tier',
            transform: 'enum',
            enumMap: { silver: 'S', bronze: 'B' },
          },
        ]),
        CONTACT,
      ),
    );
    expect(error.issues).toEqual([
      {
        path: 'custom_fields.plan',
        message: '"gold" is not in enumMap (known: silver, bronze) (target plan_tier)',
      },
    ]);
    expect(error.message).toContain('custom_fields.plan');
  });

  it('reports every failing field at once, and a missing identity', () => {
    const record = { ...CONTACT, id: '', email: 'abc' };
    const error = failureOf(() =>
      mapRecord(
        mapping([
          { source: 'email', target: 'email_score', transform: 'number' },
          { source: 'first_name', target: 'firstname' },
          { source: 'custom_fields.tags', target: 'tags' },
        ]),
        record,
      ),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['id', 'email', 'custom_fields.tags']);
    expect(error.issues[0].message).toMatch(
      /identity for syncline_id must be a non-empty string or a number/,
    );
    expect(error.issues[1].message).toBe('"abc" is not a number (target email_score)');
  });

  it('sends a number identity as its text (serial and bigint keys), and fails a boolean one', () => {
    expect(mapRecord(mapping([]), { id: 42 }).identity).toBe('42');
    const error = failureOf(() => mapRecord(mapping([]), { id: true }));
    expect(error.issues[0].path).toBe('id');
  });

  it('keeps a target named __proto__ as a plain property', () => {
    const mapped = mapRecord(mapping([{ source: 'first_name', target: '__proto__' }]), CONTACT);
    expect(Object.getPrototypeOf(mapped.properties)).toBe(Object.prototype);
    expect(Object.keys(mapped.properties)).toEqual(['__proto__']);
  });
});

describe(`${mapRecord.name} on any key`, () => {
  // inventory.stock_levels: composite key (warehouse_id, sku) within tenant `org`.
  const stock = { org: 'acme', warehouse_id: 7, sku: 'SKU-1', on_hand: 12 };

  it('takes the record id as identity and as a property', () => {
    const mapped = mapRecord(
      {
        identity: { source: '$id', target: 'syncline_key' },
        fields: [
          { source: 'on_hand', target: 'on_hand' },
          { source: '$id', target: 'record_id' },
        ],
      },
      stock,
      '7,SKU-1',
    );
    expect(mapped).toEqual({
      identity: '7,SKU-1',
      properties: { on_hand: 12, record_id: '7,SKU-1' },
    });
  });

  it('sends an integer key column as the identity text', () => {
    const mapped = mapRecord(
      {
        identity: { source: 'warehouse_id', target: 'wh' },
        fields: [{ source: 'sku', target: 'sku' }],
      },
      stock,
    );
    expect(mapped.identity).toBe('7');
  });

  it('refuses an identity that is not a string or a number', () => {
    expect(() =>
      mapRecord(
        { identity: { source: '$id', target: 'k' }, fields: [{ source: 'sku', target: 'sku' }] },
        stock,
      ),
    ).toThrow(MappingFailedException);
  });

  it("sends 'out' and 'both' fields but never 'in' ones, even when they would not map", () => {
    const shipment = {
      carrier: 'dhl',
      tracking_no: 'JD0142',
      weight_kg: '12.50',
      fragile: 'maybe',
    };
    const mapped = mapRecord(
      {
        identity: { source: '$id', target: 'shipment_key' },
        fields: [
          { source: 'weight_kg', target: 'weight', transform: 'number', direction: 'both' },
          { source: 'fragile', target: 'is_fragile', transform: 'boolean', direction: 'in' },
          { source: 'carrier', target: 'carrier', direction: 'out' },
        ],
      },
      shipment,
      'dhl,JD0142',
    );
    expect(mapped).toEqual({
      identity: 'dhl,JD0142',
      properties: { weight: 12.5, carrier: 'dhl' },
    });
  });
});
