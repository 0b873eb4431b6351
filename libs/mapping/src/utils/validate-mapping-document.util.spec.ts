import { InvalidMappingException } from '../exceptions/invalid-mapping.exception';
import { MappingDocument } from '../types/mapping-document.type';
import { MappingColumns } from './mapping-document-issues.util';
import { validateMappingDocument } from './validate-mapping-document.util';

const COLUMNS = columnsOf([
  'tenant_id',
  'id',
  'version',
  'custom_fields',
  'created_at',
  'updated_at',
  'email',
  'first_name',
  'last_name',
  'status',
  'lifecycle_stage',
  'lead_score',
  'last_contacted_at',
]);

function columnsOf(names: string[]): MappingColumns {
  return Object.fromEntries(
    names.map((name) => [name, { kind: name === 'custom_fields' ? 'jsonb' : 'text' }] as const),
  );
}

const VALID: MappingDocument = {
  entity: 'contact',
  destinationId: 'hubspot-main',
  object: 'contacts',
  identity: { source: 'id', target: 'syncline_id' },
  fields: [
    { source: 'email', target: 'email', required: true },
    { source: 'first_name', target: 'firstname', maxLength: 100, truncate: true },
    {
      source: 'lifecycle_stage',
      target: 'lifecyclestage',
      transform: 'enum',
      enumMap: { lead: 'lead', customer: 'customer' },
      default: 'lead',
    },
    { source: 'custom_fields.plan', target: 'plan' },
    { source: 'last_contacted_at', target: 'notes_last_contacted', transform: 'epoch_ms' },
  ],
  rules: {
    operations: ['create', 'update', 'delete'],
    conditions: [
      { field: 'status', op: 'eq', value: 'active' },
      { field: 'lead_score', op: 'gte', value: 10 },
      { field: 'custom_fields.plan', op: 'exists' },
    ],
    triggerFields: ['email', 'custom_fields.plan', 'status'],
    deletePolicy: 'archive',
  },
};

const clone = (): MappingDocument => structuredClone(VALID);

function issuesOf(doc: unknown) {
  try {
    validateMappingDocument(doc, COLUMNS);
  } catch (error) {
    if (error instanceof InvalidMappingException) return error.issues;
    throw error;
  }
  return [];
}

describe(validateMappingDocument.name, () => {
  it('returns a valid document as it is', () => {
    const doc = clone();
    expect(validateMappingDocument(doc, COLUMNS)).toBe(doc);
  });

  it('throws a permanent INVALID_MAPPING error', () => {
    let thrown: unknown;
    try {
      validateMappingDocument({}, COLUMNS);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidMappingException);
    expect(thrown).toMatchObject({ code: 'INVALID_MAPPING', retriable: false });
  });

  describe('schema', () => {
    it('names missing fields and server-owned fields by JSON pointer', () => {
      const { rules: _rules, ...doc } = { ...clone(), id: 'm-1', version: 3 };
      expect(issuesOf(doc)).toEqual([
        { path: '/rules', message: 'is required' },
        { path: '/id', message: 'is not a known field' },
        { path: '/version', message: 'is not a known field' },
      ]);
    });

    it('names a bad transform with the allowed values', () => {
      const doc = clone() as unknown as { fields: Record<string, unknown>[] };
      doc.fields[2].transform = 'uppercase';
      expect(issuesOf(doc)).toEqual([
        {
          path: '/fields/2/transform',
          message:
            'must be one of: string, number, integer, boolean, date, datetime, epoch_ms, midnight_epoch_ms, enum',
        },
      ]);
    });

    it('reports every schema problem at once', () => {
      const doc = clone() as unknown as {
        fields: Record<string, unknown>[];
        rules: Record<string, unknown>;
      };
      doc.fields[0].maxLength = 0;
      doc.fields[1].source = '';
      doc.rules.operations = ['create', 'upsert'];
      doc.rules.deletePolicy = 'drop';
      expect(issuesOf(doc).map((issue) => issue.path)).toEqual([
        '/fields/0/maxLength',
        '/fields/1/source',
        '/rules/operations/1',
        '/rules/deletePolicy',
      ]);
    });

    it('takes an explicit truncatePolicy "ignore" and refuses any other (a TRUNCATE never reaches a CRM)', () => {
      const ignoring = clone();
      ignoring.rules.truncatePolicy = 'ignore';
      expect(issuesOf(ignoring)).toEqual([]);
      const archiving = clone() as unknown as { rules: Record<string, unknown> };
      archiving.rules.truncatePolicy = 'archive';
      expect(issuesOf(archiving).map((issue) => issue.path)).toEqual(['/rules/truncatePolicy']);
    });

    it('checks condition values against the operator', () => {
      const doc = clone();
      doc.rules.conditions = [
        { field: 'status', op: 'in', value: 'active' },
        { field: 'status', op: 'eq' },
        { field: 'lead_score', op: 'gt', value: true },
      ];
      expect(issuesOf(doc)).toEqual([
        { path: '/rules/conditions/0/value', message: 'must be array' },
        { path: '/rules/conditions/1/value', message: 'is required' },
        { path: '/rules/conditions/2/value', message: 'must be string,number' },
      ]);
    });

    it('refuses an empty field list', () => {
      expect(issuesOf({ ...clone(), fields: [] })).toEqual([
        { path: '/fields', message: 'must NOT have fewer than 1 items' },
      ]);
    });
  });

  describe('semantic checks', () => {
    it('finds duplicate targets, case-insensitively', () => {
      const doc = clone();
      doc.fields.push({ source: 'last_name', target: 'Email' });
      expect(issuesOf(doc)).toEqual([
        { path: '/fields/5/target', message: 'duplicates /fields/0/target' },
      ]);
    });

    it('refuses the identity property as a field target', () => {
      const doc = clone();
      doc.fields.push({ source: 'id', target: 'syncline_id' });
      expect(issuesOf(doc)).toEqual([
        {
          path: '/fields/5/target',
          message: 'is the identity property (/identity/target); the identity is sent on its own',
        },
      ]);
    });

    it('requires an enumMap for enum, and only there', () => {
      const doc = clone();
      delete doc.fields[2].enumMap;
      doc.fields[0].enumMap = { a: 'b' };
      expect(issuesOf(doc)).toEqual([
        { path: '/fields/0/enumMap', message: "is only used with transform 'enum'" },
        { path: '/fields/2/enumMap', message: "is required when transform is 'enum'" },
      ]);
    });

    it('checks that a default converts like a record value would', () => {
      const doc = clone();
      doc.fields[2].default = 'partner';
      doc.fields[4].default = 'yesterday';
      expect(issuesOf(doc)).toEqual([
        {
          path: '/fields/2/default',
          message: '"partner" is not in enumMap (known: lead, customer)',
        },
        {
          path: '/fields/4/default',
          message: '"yesterday" is not a valid date (YYYY-MM-DD) or ISO-8601 timestamp with offset',
        },
      ]);
    });

    it('flags truncate without maxLength and maxLength on a non-string transform', () => {
      const doc = clone();
      doc.fields[0].truncate = true;
      doc.fields[4].maxLength = 10;
      expect(issuesOf(doc)).toEqual([
        { path: '/fields/0/truncate', message: 'needs maxLength' },
        {
          path: '/fields/4/maxLength',
          message: "does not apply: transform 'epoch_ms' does not produce a string",
        },
      ]);
    });

    it('refuses sources that are not record columns, and nesting outside json columns', () => {
      const doc = clone();
      doc.identity.source = 'uuid';
      doc.fields[0].source = 'e_mail';
      doc.fields[1].source = 'first_name.x';
      doc.rules.conditions = [{ field: 'state', op: 'eq', value: 'active' }];
      expect(issuesOf(doc)).toEqual([
        { path: '/identity/source', message: "'uuid' is not a column of the record" },
        { path: '/fields/0/source', message: "'e_mail' is not a column of the record" },
        {
          path: '/fields/1/source',
          message:
            "'first_name' is not a json or jsonb column: only those may address a nested value",
        },
        { path: '/rules/conditions/0/field', message: "'state' is not a column of the record" },
      ]);
    });

    it('accepts trigger fields that are mapped sources or columns, and names the others', () => {
      const doc = clone();
      doc.rules.triggerFields = [
        'lead_score',
        'custom_fields.plan',
        'custom_fields.seats',
        'phone',
      ];
      expect(issuesOf(doc)).toEqual([
        {
          path: '/rules/triggerFields/2',
          message: "'custom_fields.seats' is neither a mapped source nor a column of the record",
        },
        {
          path: '/rules/triggerFields/3',
          message: "'phone' is neither a mapped source nor a column of the record",
        },
      ]);
    });

    it('refuses a value on exists / not_exists', () => {
      const doc = clone();
      doc.rules.conditions = [{ field: 'status', op: 'exists', value: 'active' }];
      expect(issuesOf(doc)).toEqual([
        { path: '/rules/conditions/0/value', message: "must be absent for op 'exists'" },
      ]);
    });
  });
  describe('any collection', () => {
    // inventory.stock_levels-like: a composite key, names no demo table has.
    const STOCK = columnsOf(['org', 'warehouse_id', 'sku', 'on_hand', 'Display Name', 'a.b']);
    const stockDoc = (): MappingDocument => ({
      entity: 'SkuCatalog',
      destinationId: 'crm-1',
      object: 'p_stock_levels',
      identity: { source: '$id', target: 'syncline_key' },
      fields: [
        { source: 'on_hand', target: 'on_hand', transform: 'number' },
        { source: 'Display Name', target: 'display_name' },
        { source: 'a.b', target: 'dotted' },
        { source: '$id', target: 'record_id' },
      ],
      rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
    });

    it('takes mixed-case collection names, any column name and the record id as a source', () => {
      const doc = stockDoc();
      expect(validateMappingDocument(doc, STOCK)).toBe(doc);
    });

    it('refuses a collection name the collections config could not give', () => {
      expect(() =>
        validateMappingDocument({ ...stockDoc(), entity: 'stock levels' }, STOCK),
      ).toThrow(InvalidMappingException);
    });

    it('refuses $id in a condition, where no record value stands behind it', () => {
      const doc = stockDoc();
      doc.rules.conditions = [{ field: '$id', op: 'exists' }];
      let issues: readonly unknown[] = [];
      try {
        validateMappingDocument(doc, STOCK);
      } catch (error) {
        if (error instanceof InvalidMappingException) issues = error.issues;
      }
      expect(issues).toEqual([
        {
          path: '/rules/conditions/0/field',
          message: '$id may be mapped but not tested: name the key columns instead',
        },
      ]);
    });
  });
});
