import 'reflect-metadata';
import { ENTITY_NAMES, ENTITY_REGISTRY } from '@syncline/persistence';
import { getMetadataArgsStorage } from 'typeorm';
import { COMPANY, CONTACT, DEAL } from '../constants/entity-definitions.constant';
import { SchemaViolationException } from '../exceptions/schema-violation.exception';
import { UnknownEntityException } from '../exceptions/unknown-entity.exception';
import { ColumnKind } from '../types/column-kind.type';
import { EntityDefinition } from '../types/entity-definition.type';
import { EntityRegistry } from './entity-registry';

const TENANT = 'acme';
const CONTACT_ID = '6f1c1a52-3b1f-4c0a-9d5e-2b9f7a0c1d2e';
const COMPANY_ID = '0b7e4f4e-8a55-4f1b-9d7e-3c1f2a9e6b10';

// One contact row as each source hands it over. node-postgres: Date for timestamptz, parsed
// jsonb, bigint as a string. Debezium (JsonConverter, no schemas): timestamptz as an ISO string
// with microseconds, jsonb as JSON text, bigint as a number.
const contactFromPg = {
  tenant_id: TENANT,
  id: CONTACT_ID,
  company_id: COMPANY_ID,
  email: 'ada@example.com',
  first_name: 'Ada',
  last_name: 'Lovelace',
  phone: null,
  lifecycle_stage: 'customer',
  status: 'active',
  lead_score: 87,
  do_not_contact: false,
  last_contacted_at: new Date('2024-03-01T12:34:56.789Z'),
  notes: 'met at the conference',
  custom_fields: { tier: 'gold', tags: ['vip'], nested: { a: 1 } },
  version: '1042',
  created_at: new Date('2024-01-15T08:00:00.000Z'),
  updated_at: new Date('2024-03-01T12:35:00.123Z'),
};
const contactFromDebezium = {
  ...contactFromPg,
  last_contacted_at: '2024-03-01T12:34:56.789412Z',
  custom_fields: '{"tier": "gold", "tags": ["vip"], "nested": {"a": 1}}',
  version: 1042,
  created_at: '2024-01-15T08:00:00Z',
  updated_at: '2024-03-01T12:35:00.123999Z',
};

const dealFromPg = {
  tenant_id: TENANT,
  id: CONTACT_ID,
  company_id: COMPANY_ID,
  contact_id: null,
  name: 'Renewal',
  stage: 'proposal',
  amount: '1234.50',
  currency: 'EUR',
  close_date: '2024-03-01', // createSourcePool keeps dates as strings
  is_closed: false,
  description: null,
  custom_fields: {},
  version: '77',
  created_at: new Date('2024-01-15T08:00:00.000Z'),
  updated_at: new Date('2024-01-15T08:00:00.000Z'),
};
const dealFromDebezium = {
  ...dealFromPg,
  close_date: 19783, // io.debezium.time.Date: days since 1970-01-01
  custom_fields: '{}',
  version: 77,
  created_at: '2024-01-15T08:00:00.000000Z',
  updated_at: '2024-01-15T08:00:00Z',
};

const companyFromPg = {
  tenant_id: TENANT,
  id: COMPANY_ID,
  name: 'Analytical Engines',
  domain: 'engines.example',
  industry: null,
  employee_count: 12,
  annual_revenue: '-0.01',
  is_customer: true,
  description: null,
  custom_fields: { region: 'emea' },
  version: '5',
  created_at: new Date('2023-12-31T23:59:59.999Z'),
  updated_at: new Date('2023-12-31T23:59:59.999Z'),
};
const companyFromDebezium = {
  ...companyFromPg,
  custom_fields: '{"region":"emea"}',
  version: 5,
  created_at: '2023-12-31T23:59:59.999999Z',
  updated_at: '2023-12-31T23:59:59.999Z',
};

function issuesOf(action: () => void): { path: string; message: string }[] {
  try {
    action();
  } catch (error) {
    if (error instanceof SchemaViolationException) return [...error.issues];
    throw error;
  }
  throw new Error('expected a SchemaViolationException, nothing was thrown');
}

describe(EntityRegistry.name, () => {
  const registry = new EntityRegistry();

  describe('lookup', () => {
    it('finds each synced entity by its name and by its table', () => {
      expect(registry.byEntityName('contact')).toBe(CONTACT);
      expect(registry.byTableName('contacts')).toBe(CONTACT);
      expect(registry.byTableName('companies')).toBe(COMPANY);
      expect(registry.byTableName('deals')).toBe(DEAL);
      expect(registry.definitions.map((d) => d.name).sort()).toEqual([
        'company',
        'contact',
        'deal',
      ]);
    });

    it('refuses names it does not know with a non-retriable UNKNOWN_TABLE error', () => {
      expect(() => registry.byTableName('invoices')).toThrow(UnknownEntityException);
      expect(() => registry.byEntityName('contacts')).toThrow(UnknownEntityException);
      expect(() => registry.byTableName('contact')).toThrow(
        expect.objectContaining({ code: 'UNKNOWN_TABLE', retriable: false }) as Error,
      );
    });
  });

  describe('canonicalize', () => {
    it.each([
      ['contact', CONTACT, contactFromPg, contactFromDebezium],
      ['deal', DEAL, dealFromPg, dealFromDebezium],
      ['company', COMPANY, companyFromPg, companyFromDebezium],
    ])(
      'gives a %s the same canonical form from node-postgres and from Debezium',
      (_name, definition, fromPg, fromDebezium) => {
        const viaPg = registry.canonicalize(definition, fromPg);
        const viaDebezium = registry.canonicalize(definition, fromDebezium);
        expect(viaPg).toEqual(viaDebezium);
        // Identical JSON too: the cache stores the serialised form and CRMs compare it.
        expect(JSON.stringify(viaPg)).toBe(JSON.stringify(viaDebezium));
        expect(() => registry.validate(definition, viaPg)).not.toThrow();
      },
    );

    it('produces the documented canonical values', () => {
      expect(registry.canonicalize(CONTACT, contactFromDebezium)).toMatchObject({
        last_contacted_at: '2024-03-01T12:34:56.789Z',
        custom_fields: { tier: 'gold', tags: ['vip'], nested: { a: 1 } },
        version: 1042,
        created_at: '2024-01-15T08:00:00.000Z',
      });
      expect(registry.canonicalize(DEAL, dealFromDebezium)).toMatchObject({
        close_date: '2024-03-01',
        amount: '1234.50',
        version: 77,
      });
    });

    it('drops columns the entity does not define and fills missing ones with null', () => {
      const { phone: _phone, ...withoutPhone } = contactFromPg;
      const record = registry.canonicalize(CONTACT, { ...withoutPhone, __deleted: 'false' });
      expect(record).not.toHaveProperty('__deleted');
      expect(record.phone).toBeNull();
      expect(Object.keys(record).sort()).toEqual(Object.keys(CONTACT.columns).sort());
    });

    // createSourcePool makes node-postgres hand json/jsonb over as text, as Debezium does, so a
    // JSON string value is parsed once from either source.
    it('agrees on a jsonb scalar string whose text is itself JSON', () => {
      const fromPg = registry.canonicalize(CONTACT, { ...contactFromPg, custom_fields: '"42"' });
      const fromDebezium = registry.canonicalize(CONTACT, {
        ...contactFromDebezium,
        custom_fields: '"42"',
      });
      expect(fromPg.custom_fields).toEqual(fromDebezium.custom_fields);
    });
  });

  describe('validate', () => {
    const canonicalContact = registry.canonicalize(CONTACT, contactFromPg);

    it('accepts a canonical record, and a minimal create and update', () => {
      expect(() => registry.validate(CONTACT, canonicalContact)).not.toThrow();
      expect(() => registry.validate(CONTACT, { email: 'a@b.co' }, 'create')).not.toThrow();
      expect(() => registry.validate(CONTACT, { lead_score: 3 }, 'update')).not.toThrow();
    });

    it('points at a missing required field: /email', () => {
      expect(issuesOf(() => registry.validate(CONTACT, { first_name: 'Ada' }, 'create'))).toEqual([
        { path: '/email', message: "must have required property 'email'" },
      ]);
      const { email: _email, ...withoutEmail } = canonicalContact;
      expect(issuesOf(() => registry.validate(CONTACT, withoutEmail)).map((i) => i.path)).toEqual([
        '/email',
      ]);
    });

    it('points at an additional property: /shoe_size', () => {
      expect(
        issuesOf(() => registry.validate(CONTACT, { email: 'a@b.co', shoe_size: 44 }, 'create')),
      ).toEqual([{ path: '/shoe_size', message: 'must NOT have additional properties' }]);
    });

    it('points at a value of the wrong type: /lead_score', () => {
      expect(
        issuesOf(() => registry.validate(CONTACT, { ...canonicalContact, lead_score: '87' })),
      ).toEqual([{ path: '/lead_score', message: 'must be integer' }]);
    });

    it('names every bad field at once, in one non-retriable SCHEMA_VIOLATION', () => {
      let caught: unknown;
      try {
        registry.validate(CONTACT, { shoe_size: 44, lead_score: 'high' }, 'create');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SchemaViolationException);
      expect(caught).toMatchObject({
        code: 'SCHEMA_VIOLATION',
        retriable: false,
        entity: 'contact',
      });
      expect((caught as SchemaViolationException).issues.map((i) => i.path).sort()).toEqual([
        '/email',
        '/lead_score',
        '/shoe_size',
      ]);
    });

    it('accepts null for a nullable enum and rejects values outside it', () => {
      expect(() =>
        registry.validate(COMPANY, { name: 'Engines', industry: null }, 'create'),
      ).not.toThrow();
      expect(
        issuesOf(() =>
          registry.validate(COMPANY, { name: 'Engines', industry: 'crypto' }, 'create'),
        ),
      ).toEqual([{ path: '/industry', message: 'must be equal to one of the allowed values' }]);
      // A non-nullable enum refuses null.
      expect(
        issuesOf(() => registry.validate(CONTACT, { email: 'a@b.co', status: null }, 'create')).map(
          (i) => i.path,
        ),
      ).toContain('/status');
    });

    it('holds numeric columns to exact decimal strings', () => {
      expect(() =>
        registry.validate(DEAL, { name: 'Renewal', amount: '1234.50' }, 'create'),
      ).not.toThrow();
      for (const amount of ['12.345', 1234.5, '1e3']) {
        expect(
          issuesOf(() => registry.validate(DEAL, { name: 'Renewal', amount }, 'create')).map(
            (i) => i.path,
          ),
        ).toEqual(['/amount']);
      }
    });

    it('keeps server-set columns out of creates and updates', () => {
      expect(
        issuesOf(() =>
          registry.validate(CONTACT, { email: 'a@b.co', tenant_id: 'other', version: 9 }, 'create'),
        )
          .map((i) => i.path)
          .sort(),
      ).toEqual(['/tenant_id', '/version']);
      expect(
        issuesOf(() =>
          registry.validate(CONTACT, { created_at: '2024-01-01T00:00:00Z' }, 'update'),
        ),
      ).toEqual([{ path: '/created_at', message: 'must NOT have additional properties' }]);
    });

    it('refuses an empty update and a body that is not an object, at the root path', () => {
      expect(issuesOf(() => registry.validate(CONTACT, {}, 'update'))).toEqual([
        { path: '', message: 'must NOT have fewer than 1 properties' },
      ]);
      expect(issuesOf(() => registry.validate(CONTACT, [], 'create')).map((i) => i.path)).toContain(
        '',
      );
    });

    it('refuses a tenant id the cache key builder could not key', () => {
      expect(
        issuesOf(() => registry.validate(CONTACT, { ...canonicalContact, tenant_id: 'a:b' })),
      ).toEqual([{ path: '/tenant_id', message: expect.stringContaining('pattern') as string }]);
    });

    it('refuses a definition it was not built with', () => {
      const other: EntityDefinition = { ...CONTACT, name: 'lead', table: 'leads' };
      expect(() => registry.validate(other, {})).toThrow(UnknownEntityException);
    });
  });

  describe('definitions match the TypeORM entities (they cannot drift apart)', () => {
    // TypeORM column types of System A and the canonical kind each must have.
    const KIND_OF_TYPEORM_TYPE: Record<string, ColumnKind> = {
      text: 'text',
      char: 'text',
      varchar: 'text',
      uuid: 'uuid',
      enum: 'enum',
      integer: 'integer',
      int: 'integer',
      int4: 'integer',
      bigint: 'bigint',
      int8: 'bigint',
      numeric: 'numeric',
      decimal: 'numeric',
      boolean: 'boolean',
      timestamptz: 'timestamptz',
      date: 'date',
      jsonb: 'jsonb',
    };

    interface OrmColumn {
      type: string;
      nullable: boolean;
      hasDefault: boolean;
      serverSet: boolean;
      enumValues?: readonly string[];
    }

    /** Columns by database name, inherited ones (SyncedRecordEntity) included. */
    function ormColumns(entity: abstract new () => unknown): Map<string, OrmColumn> {
      const storage = getMetadataArgsStorage();
      const columns = new Map<string, OrmColumn>();
      // Most derived class first, so a subclass's declaration wins over an inherited one.
      for (
        let target: unknown = entity;
        typeof target === 'function' && target !== Function.prototype;
        target = Object.getPrototypeOf(target)
      ) {
        for (const column of storage.columns.filter((c) => c.target === target)) {
          const name = column.options.name ?? column.propertyName;
          if (columns.has(name)) continue;
          const generated = storage.generations.some(
            (g) => g.target === target && g.propertyName === column.propertyName,
          );
          columns.set(name, {
            type: String(column.options.type),
            nullable: column.options.nullable === true,
            hasDefault:
              column.options.default !== undefined ||
              generated ||
              column.mode === 'createDate' ||
              column.mode === 'updateDate',
            serverSet: column.options.insert === false || column.options.update === false,
            enumValues: Array.isArray(column.options.enum)
              ? (column.options.enum as string[])
              : undefined,
          });
        }
      }
      return columns;
    }

    it('has a definition for every TypeORM entity, on the same table', () => {
      expect(registry.definitions.map((d) => d.name).sort()).toEqual([...ENTITY_NAMES].sort());
      for (const name of ENTITY_NAMES) {
        expect(registry.byEntityName(name).table).toBe(ENTITY_REGISTRY[name].table);
      }
    });

    describe.each(ENTITY_NAMES.map((name) => [name]))('%s', (name) => {
      const definition = registry.byEntityName(name);
      const orm = ormColumns(ENTITY_REGISTRY[name].entity);

      it('declares the same columns, by database name', () => {
        expect(orm.size).toBeGreaterThan(6); // the inherited columns were found
        expect([...orm.keys()].sort()).toEqual(Object.keys(definition.columns).sort());
      });

      it('gives each column a compatible kind, nullability and default', () => {
        const mismatches: string[] = [];
        for (const [column, spec] of Object.entries(definition.columns)) {
          const ormColumn = orm.get(column);
          if (!ormColumn) continue; // reported by the test above
          const kind = KIND_OF_TYPEORM_TYPE[ormColumn.type];
          if (kind !== spec.kind) mismatches.push(`${column}: ${ormColumn.type} vs ${spec.kind}`);
          if (ormColumn.nullable !== spec.nullable) {
            mismatches.push(`${column}: nullable ${ormColumn.nullable} vs ${spec.nullable}`);
          }
          // A column the database fills must not be required on create, and vice versa.
          if (ormColumn.hasDefault && !spec.hasDefault && !spec.generated) {
            mismatches.push(`${column}: has a database default the definition ignores`);
          }
          if (spec.hasDefault && !ormColumn.hasDefault) {
            mismatches.push(`${column}: definition claims a default the entity lacks`);
          }
          if (ormColumn.serverSet && !spec.generated) {
            mismatches.push(`${column}: TypeORM never writes it, but clients may`);
          }
          if (
            kind === 'enum' &&
            JSON.stringify(ormColumn.enumValues) !== JSON.stringify(spec.values)
          ) {
            mismatches.push(`${column}: enum values differ`);
          }
        }
        expect(mismatches).toEqual([]);
      });
    });
  });
});
