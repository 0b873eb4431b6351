import { InvalidMappingException } from '../exceptions/invalid-mapping.exception';
import { MappingDocument } from '../types/mapping-document.type';
import { inboundIssues } from './inbound-issues.util';
import { MappingColumns } from './mapping-document-issues.util';
import { validateMappingDocument } from './validate-mapping-document.util';

// A shipments collection: composite key (carrier, tracking_no), tenant and version columns set by
// Postgres, an identity column, and columns of many kinds.
const COLUMNS: MappingColumns = {
  tenant_id: { kind: 'text', generated: true },
  carrier: { kind: 'text', immutable: true },
  tracking_no: { kind: 'text', immutable: true },
  version: { kind: 'bigint', generated: true },
  row_no: { kind: 'integer', generated: true },
  weight_kg: { kind: 'numeric' },
  shipped_on: { kind: 'date' },
  status: { kind: 'enum' },
  fragile: { kind: 'boolean' },
  notes: { kind: 'text' },
  attributes: { kind: 'jsonb' },
  updated_at: { kind: 'timestamptz' },
  edited_local: { kind: 'timestamp' },
  deleted: { kind: 'boolean' },
  archived_at: { kind: 'timestamptz' },
};

const VALID: MappingDocument = {
  entity: 'shipments',
  destinationId: 'hubspot-eu',
  object: 'p_shipments',
  identity: { source: '$id', target: 'shipment_key' },
  fields: [
    { source: 'weight_kg', target: 'weight', transform: 'number', direction: 'both' },
    { source: 'shipped_on', target: 'ship_date', transform: 'midnight_epoch_ms' },
    {
      source: 'status',
      target: 'stage',
      transform: 'enum',
      enumMap: { in_transit: 'On its way', delivered: 'Delivered' },
      direction: 'both',
    },
    { source: 'fragile', target: 'is_fragile', transform: 'boolean', direction: 'in' },
    { source: 'attributes.colour', target: 'colour', direction: 'both' },
    { source: 'carrier', target: 'carrier', direction: 'out' },
  ],
  rules: { operations: ['create', 'update'], deletePolicy: 'ignore' },
  inbound: { conflictPolicy: 'crm_wins', deletePolicy: 'ignore' },
};

const clone = (): MappingDocument => structuredClone(VALID);

// `null`: the catalog could not be read (validateMappingDocument gets no columns).
function issuesOf(doc: unknown, columns: MappingColumns | null = COLUMNS) {
  try {
    validateMappingDocument(doc, columns ?? undefined);
  } catch (error) {
    if (error instanceof InvalidMappingException) return error.issues;
    throw error;
  }
  return [];
}

describe(inboundIssues.name, () => {
  it('accepts a two-way mapping under each conflict policy', () => {
    const lastWriter = clone();
    lastWriter.inbound = {
      conflictPolicy: 'last_writer_wins',
      modifiedAtColumn: 'updated_at',
      deletePolicy: 'delete',
    };
    const localTime = clone();
    localTime.inbound = {
      conflictPolicy: 'last_writer_wins',
      modifiedAtColumn: 'edited_local',
      deletePolicy: 'ignore',
    };
    const ownership = clone();
    ownership.inbound = {
      conflictPolicy: 'field_ownership',
      deletePolicy: 'soft_delete',
      softDeleteColumn: 'deleted',
    };
    ownership.fields[0].owner = 'crm';
    ownership.fields[2].owner = 'postgres';
    ownership.fields[4].owner = 'crm';
    const softByTime = clone();
    softByTime.inbound = {
      conflictPolicy: 'postgres_wins',
      createRows: true,
      deletePolicy: 'soft_delete',
      softDeleteColumn: 'archived_at',
    };
    for (const doc of [clone(), lastWriter, localTime, ownership, softByTime]) {
      expect(issuesOf(doc)).toEqual([]);
    }
  });

  it('checks the shape of direction, owner and the inbound block', () => {
    const doc = clone() as unknown as {
      fields: Record<string, unknown>[];
      inbound: Record<string, unknown>;
    };
    doc.fields[0].direction = 'inbound';
    doc.fields[1].owner = 'hubspot';
    doc.inbound = { conflictPolicy: 'newest', createRows: 'yes', purge: true };
    expect(issuesOf(doc)).toEqual([
      { path: '/fields/0/direction', message: 'must be one of: out, in, both' },
      { path: '/fields/1/owner', message: 'must be one of: postgres, crm' },
      { path: '/inbound/deletePolicy', message: 'is required' },
      { path: '/inbound/purge', message: 'is not a known field' },
      {
        path: '/inbound/conflictPolicy',
        message: 'must be one of: postgres_wins, crm_wins, last_writer_wins, field_ownership',
      },
      { path: '/inbound/createRows', message: 'must be boolean' },
    ]);
  });

  it('refuses in and both fields on a one-way mapping', () => {
    const doc = clone();
    delete doc.inbound;
    expect(issuesOf(doc).map((i) => `${i.path} ${i.message}`)).toEqual([
      "/fields/0/direction 'both' needs an inbound block (/inbound): without one the mapping is one-way",
      "/fields/2/direction 'both' needs an inbound block (/inbound): without one the mapping is one-way",
      "/fields/3/direction 'in' needs an inbound block (/inbound): without one the mapping is one-way",
      "/fields/4/direction 'both' needs an inbound block (/inbound): without one the mapping is one-way",
    ]);
  });

  it('refuses inbound fields that would write the record id, a key, the identity or a column Postgres sets', () => {
    const doc = clone();
    doc.identity = { source: 'attributes.ext_id', target: 'shipment_key' };
    doc.fields = [
      { source: '$id', target: 'key_copy', direction: 'in' },
      { source: 'tracking_no', target: 'tracking', direction: 'both' },
      { source: 'version', target: 'row_version', direction: 'in' },
      { source: 'tenant_id', target: 'tenant', direction: 'in' },
      { source: 'row_no', target: 'row_no', direction: 'both' },
      { source: 'attributes', target: 'attributes_json', transform: 'string', direction: 'in' },
      { source: 'carrier', target: 'carrier_name' }, // out: a key may be sent
    ];
    expect(issuesOf(doc)).toEqual([
      {
        path: '/fields/0/source',
        message: "$id is the record id, not a column, so direction 'in' cannot write it",
      },
      {
        path: '/fields/1/source',
        message: "'tracking_no' is a key column, so direction 'both' cannot write it",
      },
      {
        path: '/fields/2/source',
        message:
          "'version' is set by Postgres (an identity, generated, tenant or version column), so direction 'in' cannot write it",
      },
      {
        path: '/fields/3/source',
        message:
          "'tenant_id' is set by Postgres (an identity, generated, tenant or version column), so direction 'in' cannot write it",
      },
      {
        path: '/fields/4/source',
        message:
          "'row_no' is set by Postgres (an identity, generated, tenant or version column), so direction 'both' cannot write it",
      },
      {
        path: '/fields/5/source',
        message: "holds the identity (/identity/source), so direction 'in' cannot write it",
      },
    ]);
  });

  it('refuses two inbound fields writing the same column', () => {
    const doc = clone();
    doc.fields.push(
      { source: 'weight_kg', target: 'weight_text', transform: 'string', direction: 'in' },
      { source: 'attributes', target: 'attributes_json', transform: 'string', direction: 'in' },
      { source: 'weight_kg', target: 'weight_out', transform: 'string' }, // out only: fine
    );
    expect(issuesOf(doc)).toEqual([
      { path: '/fields/6/source', message: 'is also written from the destination by /fields/0' },
      { path: '/fields/7/source', message: 'is also written from the destination by /fields/4' },
    ]);
  });

  it('needs a timestamp modifiedAtColumn for last_writer_wins, and only there', () => {
    const at = (
      modifiedAtColumn: string | undefined,
      conflictPolicy: 'last_writer_wins' | 'crm_wins' = 'last_writer_wins',
    ) => {
      const doc = clone();
      doc.inbound = { conflictPolicy, modifiedAtColumn, deletePolicy: 'ignore' };
      if (modifiedAtColumn === undefined) delete doc.inbound.modifiedAtColumn;
      return issuesOf(doc);
    };
    expect(at(undefined)).toEqual([
      {
        path: '/inbound/modifiedAtColumn',
        message: "is required with conflictPolicy 'last_writer_wins'",
      },
    ]);
    expect(at('changed_at')).toEqual([
      { path: '/inbound/modifiedAtColumn', message: "'changed_at' is not a column of the record" },
    ]);
    expect(at('shipped_on')).toEqual([
      {
        path: '/inbound/modifiedAtColumn',
        message: "'shipped_on' is a date column; it must be timestamptz or timestamp",
      },
    ]);
    expect(at('updated_at', 'crm_wins')).toEqual([
      {
        path: '/inbound/modifiedAtColumn',
        message: "is only used with conflictPolicy 'last_writer_wins'",
      },
    ]);
  });

  it('needs a writable boolean or timestamp softDeleteColumn for soft_delete, and only there', () => {
    const at = (
      softDeleteColumn: string | undefined,
      deletePolicy: 'soft_delete' | 'delete' = 'soft_delete',
    ) => {
      const doc = clone();
      doc.inbound = { conflictPolicy: 'crm_wins', deletePolicy, softDeleteColumn };
      if (softDeleteColumn === undefined) delete doc.inbound.softDeleteColumn;
      return issuesOf(doc);
    };
    expect(at(undefined)).toEqual([
      { path: '/inbound/softDeleteColumn', message: "is required with deletePolicy 'soft_delete'" },
    ]);
    expect(at('notes')).toEqual([
      {
        path: '/inbound/softDeleteColumn',
        message: "'notes' is a text column; it must be boolean, timestamptz or timestamp",
      },
    ]);
    expect(at('tracking_no').map((i) => i.message)).toContain(
      "'tracking_no' is set by Postgres or is a key column: it cannot be written",
    );
    expect(at('deleted', 'delete')).toEqual([
      {
        path: '/inbound/softDeleteColumn',
        message: "is only used with deletePolicy 'soft_delete'",
      },
    ]);
  });

  it('needs an owner on every both field under field_ownership, and owners nowhere else', () => {
    const ownership = clone();
    ownership.inbound = { conflictPolicy: 'field_ownership', deletePolicy: 'ignore' };
    ownership.fields[0].owner = 'crm';
    ownership.fields[3].owner = 'postgres'; // an 'in' field: always the CRM's
    expect(issuesOf(ownership)).toEqual([
      {
        path: '/fields/2/owner',
        message: "is required on 'both' fields with conflictPolicy 'field_ownership'",
      },
      {
        path: '/fields/3/owner',
        message:
          "only applies to direction 'both' ('in' fields are CRM-owned, 'out' fields Postgres-owned)",
      },
      {
        path: '/fields/4/owner',
        message: "is required on 'both' fields with conflictPolicy 'field_ownership'",
      },
    ]);

    const crmWins = clone();
    crmWins.fields[0].owner = 'crm';
    expect(issuesOf(crmWins)).toEqual([
      { path: '/fields/0/owner', message: "is only used with conflictPolicy 'field_ownership'" },
    ]);
  });

  it('checks what needs no columns when the catalog cannot be read', () => {
    const doc = clone();
    doc.fields[1] = { source: '$id', target: 'key_copy', direction: 'in' };
    doc.inbound = {
      conflictPolicy: 'last_writer_wins',
      modifiedAtColumn: 'no_such_column',
      deletePolicy: 'soft_delete',
    };
    expect(issuesOf(doc, null)).toEqual([
      {
        path: '/fields/1/source',
        message: "$id is the record id, not a column, so direction 'in' cannot write it",
      },
      { path: '/inbound/softDeleteColumn', message: "is required with deletePolicy 'soft_delete'" },
    ]);
  });
});
