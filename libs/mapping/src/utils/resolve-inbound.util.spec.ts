import { FieldMapping } from '../types/field-mapping.type';
import { InboundRules } from '../types/inbound-rules.type';
import { ResolveInboundInput } from '../types/resolve-inbound-input.type';
import { mapRecord } from './map-record.util';
import { resolveInbound } from './resolve-inbound.util';

// A shipments collection keyed by (carrier, tracking_no): nothing like the demo's contacts.
const ROW = {
  carrier: 'dhl',
  tracking_no: 'JD0142',
  weight_kg: '12.50',
  shipped_on: '2026-03-02',
  status: 'in_transit',
  fragile: false,
  notes: 'side door',
  attributes: { colour: 'red', dock: 4 },
  updated_at: '2026-03-02T10:00:00.000000Z',
};
const RECORD_ID = 'dhl,JD0142';

const FIELDS: FieldMapping[] = [
  { source: 'weight_kg', target: 'weight', transform: 'number', direction: 'both', owner: 'crm' },
  { source: 'shipped_on', target: 'ship_date', transform: 'midnight_epoch_ms', direction: 'both' },
  {
    source: 'status',
    target: 'stage',
    transform: 'enum',
    enumMap: { in_transit: 'On its way', delivered: 'Delivered' },
    direction: 'both',
    owner: 'postgres',
  },
  { source: 'fragile', target: 'is_fragile', transform: 'boolean', direction: 'in' },
  { source: 'attributes.colour', target: 'colour', direction: 'both', owner: 'crm' },
  { source: 'notes', target: 'notes' }, // out only
];

function mappingWith(inbound: InboundRules | undefined): ResolveInboundInput['mapping'] {
  return { identity: { source: '$id', target: 'shipment_key' }, fields: FIELDS, inbound };
}

const POSTGRES_WINS: InboundRules = { conflictPolicy: 'postgres_wins', deletePolicy: 'ignore' };

// What the destination holds after our last write of ROW: the echo of that write.
const KNOWN = mapRecord(mappingWith(POSTGRES_WINS), ROW, RECORD_ID).properties;
// HubSpot's form of those values: numbers as strings, dates as ms strings, booleans as text.
const ECHO = {
  weight: '12.5',
  ship_date: String(Date.UTC(2026, 2, 2)),
  stage: 'On its way',
  is_fragile: 'false',
  colour: 'red',
  notes: 'side door',
};

function resolve(overrides: Partial<ResolveInboundInput> & { inbound?: InboundRules } = {}) {
  const { inbound = POSTGRES_WINS, ...rest } = overrides;
  return resolveInbound({
    mapping: mappingWith(inbound),
    remote: { properties: ECHO, lastModified: '2026-03-02T11:00:00Z' },
    known: { ...KNOWN, is_fragile: false },
    row: ROW,
    recordId: RECORD_ID,
    ...rest,
  });
}

describe(resolveInbound.name, () => {
  it("writes nothing for the echo of our own write, in the CRM's own formats", () => {
    const resolution = resolve();
    expect(resolution).toEqual({
      writes: {},
      known: { ...KNOWN, is_fragile: false },
      conflicts: [],
      issues: [],
    });
  });

  it('writes a field only the CRM changed, as a column value, and records what the CRM holds', () => {
    const resolution = resolve({
      remote: {
        properties: { ...ECHO, weight: '13.25', stage: 'Delivered' },
        lastModified: '2026-03-02T11:00:00Z',
      },
    });
    expect(resolution.writes).toEqual({ weight_kg: '13.25', status: 'delivered' });
    expect(resolution.known).toMatchObject({ weight: 13.25, stage: 'Delivered' });
    expect(resolution.conflicts).toEqual([]);
  });

  it("writes nothing when the row already has the CRM's new value", () => {
    const resolution = resolve({
      row: { ...ROW, weight_kg: '13.250' },
      remote: { properties: { ...ECHO, weight: '13.25' }, lastModified: '2026-03-02T11:00:00Z' },
    });
    expect(resolution.writes).toEqual({});
    expect(resolution.conflicts).toEqual([]);
    expect(resolution.known.weight).toBe(13.25);
  });

  it('ignores out-only fields and properties that were not read', () => {
    const { weight: _weight, ...withoutWeight } = ECHO;
    const resolution = resolve({
      remote: {
        properties: { ...withoutWeight, notes: 'front door' },
        lastModified: '2026-03-02T11:00:00Z',
      },
      known: { ...KNOWN, is_fragile: false, weight: 99 },
    });
    expect(resolution.writes).toEqual({});
    expect(resolution.known.notes).toBe('side door');
    expect(resolution.known.weight).toBe(99);
  });

  it('merges a changed json key into the json column, keeping its other keys', () => {
    const resolution = resolve({
      remote: { properties: { ...ECHO, colour: 'blue' }, lastModified: '2026-03-02T11:00:00Z' },
    });
    expect(resolution.writes).toEqual({ attributes: { colour: 'blue', dock: 4 } });
  });

  describe('when both sides changed a field', () => {
    // Since the last sync Postgres moved the weight to 14, the ship date to the 4th and the status
    // to delivered; the CRM moved the weight to 13.25 and the ship date to the 5th.
    const rowBoth = {
      ...ROW,
      weight_kg: '14',
      shipped_on: '2026-03-04',
      status: 'delivered',
      updated_at: '2026-03-02T10:30:00Z',
    };
    const remote = (lastModified: string) => ({
      properties: { ...ECHO, weight: '13.25', ship_date: '2026-03-05' },
      lastModified,
    });

    it('postgres_wins keeps the row and records the CRM value as known, so it is sent again', () => {
      const resolution = resolve({ row: rowBoth, remote: remote('2026-03-02T11:00:00Z') });
      expect(resolution.writes).toEqual({});
      expect(resolution.conflicts).toEqual([
        { field: 'weight_kg', target: 'weight', policy: 'postgres_wins', winner: 'postgres' },
        { field: 'shipped_on', target: 'ship_date', policy: 'postgres_wins', winner: 'postgres' },
      ]);
      expect(resolution.known).toMatchObject({ weight: 13.25, ship_date: Date.UTC(2026, 2, 5) });
    });

    it('crm_wins writes the CRM values', () => {
      const resolution = resolve({
        row: rowBoth,
        remote: remote('2026-03-02T11:00:00Z'),
        inbound: { conflictPolicy: 'crm_wins', deletePolicy: 'ignore' },
      });
      expect(resolution.writes).toEqual({ weight_kg: '13.25', shipped_on: '2026-03-05' });
      expect(resolution.conflicts.map((c) => c.winner)).toEqual(['crm', 'crm']);
    });

    it('last_writer_wins takes the later change, and Postgres on a tie', () => {
      const inbound: InboundRules = {
        conflictPolicy: 'last_writer_wins',
        modifiedAtColumn: 'updated_at',
        deletePolicy: 'ignore',
      };
      const later = resolve({ row: rowBoth, remote: remote('2026-03-02T10:30:00.001Z'), inbound });
      expect(later.writes).toEqual({ weight_kg: '13.25', shipped_on: '2026-03-05' });
      expect(later.conflicts.map((c) => c.winner)).toEqual(['crm', 'crm']);

      const tie = resolve({
        row: rowBoth,
        remote: remote(String(Date.parse('2026-03-02T10:30:00Z'))),
        inbound,
      });
      expect(tie.writes).toEqual({});
      expect(tie.conflicts.map((c) => c.winner)).toEqual(['postgres', 'postgres']);

      const earlier = resolve({ row: rowBoth, remote: remote('2026-03-02T10:29:59Z'), inbound });
      expect(earlier.writes).toEqual({});
    });

    it('last_writer_wins keeps Postgres when the row has no modification time', () => {
      const resolution = resolve({
        row: { ...rowBoth, updated_at: null },
        remote: remote('2026-03-02T11:00:00Z'),
        inbound: {
          conflictPolicy: 'last_writer_wins',
          modifiedAtColumn: 'updated_at',
          deletePolicy: 'ignore',
        },
      });
      expect(resolution.writes).toEqual({});
    });

    it("field_ownership lets each field's owner win", () => {
      const resolution = resolve({
        row: { ...rowBoth, attributes: { colour: 'green', dock: 4 } },
        remote: {
          properties: { ...remote('').properties, stage: 'Delivered', colour: 'blue' },
          lastModified: '2026-03-02T11:00:00Z',
        },
        // Postgres changed the status to delivered too: not a conflict, the row already has it.
        known: { ...KNOWN, is_fragile: false },
        inbound: { conflictPolicy: 'field_ownership', deletePolicy: 'ignore' },
      });
      expect(resolution.conflicts).toEqual([
        { field: 'weight_kg', target: 'weight', policy: 'field_ownership', winner: 'crm' },
        // ship_date has no owner (an invalid mapping): Postgres keeps it.
        { field: 'shipped_on', target: 'ship_date', policy: 'field_ownership', winner: 'postgres' },
        { field: 'attributes.colour', target: 'colour', policy: 'field_ownership', winner: 'crm' },
      ]);
      expect(resolution.writes).toEqual({
        weight_kg: '13.25',
        attributes: { colour: 'blue', dock: 4 },
      });
    });

    it('field_ownership keeps a Postgres-owned field', () => {
      const resolution = resolve({
        row: { ...ROW, status: 'delivered' },
        remote: {
          properties: { ...ECHO, stage: 'On its way' },
          lastModified: '2026-03-02T11:00:00Z',
        },
        known: { ...KNOWN, is_fragile: false, stage: 'Lost' },
        inbound: { conflictPolicy: 'field_ownership', deletePolicy: 'ignore' },
      });
      expect(resolution.writes).toEqual({});
      expect(resolution.conflicts).toEqual([
        { field: 'status', target: 'stage', policy: 'field_ownership', winner: 'postgres' },
      ]);
    });
  });

  describe('field_ownership is exact, not only on conflicts', () => {
    const OWNERSHIP: InboundRules = { conflictPolicy: 'field_ownership', deletePolicy: 'ignore' };

    it('does not take a CRM edit of a Postgres-owned field even when Postgres did not change it', () => {
      const resolution = resolve({
        remote: {
          properties: { ...ECHO, stage: 'Delivered' },
          lastModified: '2026-03-02T11:00:00Z',
        },
        inbound: OWNERSHIP,
      });
      expect(resolution.writes).toEqual({});
      // The CRM holds 'Delivered' now: the outbound side sees the difference and sends ours back.
      expect(resolution.known.stage).toBe('Delivered');
    });

    it('takes a CRM edit of a CRM-owned field over a Postgres edit of it', () => {
      const resolution = resolve({
        row: { ...ROW, weight_kg: '13.00' },
        remote: { properties: { ...ECHO, weight: '14' }, lastModified: '2026-03-02T09:00:00Z' },
        inbound: OWNERSHIP,
      });
      expect(resolution.writes).toEqual({ weight_kg: '14' });
      expect(resolution.conflicts).toEqual([
        { field: 'weight_kg', target: 'weight', policy: 'field_ownership', winner: 'crm' },
      ]);
    });
  });

  it('writes an in-only field whenever the row differs, whatever the policy', () => {
    const resolution = resolve({
      row: { ...ROW, fragile: true },
      remote: {
        properties: { ...ECHO, is_fragile: 'false' },
        lastModified: '2026-03-02T11:00:00Z',
      },
      known: { ...KNOWN, is_fragile: true },
    });
    expect(resolution.writes).toEqual({ fragile: false });
    expect(resolution.conflicts).toEqual([]);
  });

  describe('with nothing known about the record', () => {
    it('treats a value the row differs in as a conflict, decided by the policy', () => {
      const properties = { ...ECHO, weight: '13.25' };
      const keep = resolve({
        known: undefined,
        remote: { properties, lastModified: '2026-03-02T11:00:00Z' },
      });
      expect(keep.writes).toEqual({});
      expect(keep.conflicts).toEqual([
        { field: 'weight_kg', target: 'weight', policy: 'postgres_wins', winner: 'postgres' },
      ]);
      // Only inbound fields are read: the out-only notes stay unknown.
      const { notes: _notes, ...inboundKnown } = KNOWN;
      expect(keep.known).toEqual({ ...inboundKnown, is_fragile: false, weight: 13.25 });

      const take = resolve({
        known: undefined,
        remote: { properties, lastModified: '2026-03-02T11:00:00Z' },
        inbound: { conflictPolicy: 'crm_wins', deletePolicy: 'ignore' },
      });
      expect(take.writes).toEqual({ weight_kg: '13.25' });
    });

    it('writes nothing where the row and the CRM agree', () => {
      const resolution = resolve({ known: undefined });
      expect(resolution.writes).toEqual({});
      expect(resolution.conflicts).toEqual([]);
    });
  });

  it('treats an empty CRM property as the null the row holds', () => {
    const resolution = resolve({
      row: { ...ROW, notes: null, attributes: { dock: 4 } },
      remote: { properties: { ...ECHO, colour: '' }, lastModified: '2026-03-02T11:00:00Z' },
      known: { ...KNOWN, is_fragile: false, colour: null },
    });
    expect(resolution.writes).toEqual({});
    expect(resolution.conflicts).toEqual([]);
  });

  it('skips and reports a value that cannot be read back, leaving its known value', () => {
    const resolution = resolve({
      remote: {
        properties: { ...ECHO, stage: 'Returned', weight: 'heavy', colour: 'blue' },
        lastModified: '2026-03-02T11:00:00Z',
      },
    });
    expect(resolution.issues).toEqual([
      { path: 'weight', message: '"heavy" is not a number (source weight_kg)' },
      {
        path: 'stage',
        message:
          '"Returned" is not a value of enumMap (known: On its way, Delivered) (source status)',
      },
    ]);
    expect(resolution.known.stage).toBe('On its way');
    expect(resolution.writes).toEqual({ attributes: { colour: 'blue', dock: 4 } });
  });

  it('reports a json key it cannot merge because the column holds no object', () => {
    const resolution = resolve({
      row: { ...ROW, attributes: ['red'] },
      remote: { properties: { ...ECHO, colour: 'blue' }, lastModified: '2026-03-02T11:00:00Z' },
      known: { ...KNOWN, is_fragile: false, colour: null },
    });
    expect(resolution.writes).toEqual({});
    expect(resolution.issues).toEqual([
      {
        path: 'colour',
        message: `cannot set key 'colour': column attributes holds ["red"], not an object (source attributes.colour)`,
      },
    ]);
  });

  describe('without a linked row', () => {
    it('ignores the record unless createRows', () => {
      expect(resolve({ row: undefined, known: undefined }).writes).toEqual({});
    });

    it('with createRows, gives every inbound column of the row to create', () => {
      const resolution = resolve({
        row: undefined,
        known: undefined,
        inbound: { ...POSTGRES_WINS, createRows: true },
      });
      expect(resolution.writes).toEqual({
        weight_kg: '12.5',
        shipped_on: '2026-03-02',
        status: 'in_transit',
        fragile: false,
        attributes: { colour: 'red' },
      });
      expect(resolution.conflicts).toEqual([]);
    });
  });

  it('does nothing for a one-way mapping, and says so', () => {
    const resolution = resolveInbound({
      mapping: mappingWith(undefined),
      remote: { properties: { ...ECHO, weight: '1' }, lastModified: '2026-03-02T11:00:00Z' },
      known: KNOWN,
      row: ROW,
    });
    expect(resolution.writes).toEqual({});
    expect(resolution.known).toEqual(KNOWN);
    expect(resolution.issues).toEqual([
      { path: '/inbound', message: 'the mapping has no inbound block: it is one-way' },
    ]);
  });
});
