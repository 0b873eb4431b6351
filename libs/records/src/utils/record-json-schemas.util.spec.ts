import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { CollectionDefinition } from '../types/collection-definition.type';
import { recordJsonSchemas } from './record-json-schemas.util';

const ajv = addFormats(new Ajv({ allErrors: true, strict: true }));

const NOTE: CollectionDefinition = {
  name: 'note',
  schema: 'public',
  table: 'notes',
  keyColumns: ['id'],
  tenantColumn: 'tenant_id',
  versionColumn: 'version',
  columns: {
    tenant_id: { kind: 'text', nullable: false, generated: true },
    id: { kind: 'uuid', nullable: false, hasDefault: true, immutable: true },
    version: { kind: 'bigint', nullable: false, generated: true },
    title: { kind: 'text', nullable: false },
    body: { kind: 'text', nullable: true },
    pinned: { kind: 'boolean', nullable: false, hasDefault: true },
  },
};

describe(recordJsonSchemas.name, () => {
  const schemas = recordJsonSchemas(NOTE);
  const record = ajv.compile(schemas.record);
  const create = ajv.compile(schemas.create);
  const update = ajv.compile(schemas.update);
  const full = {
    tenant_id: 'acme',
    id: '6f1c1a52-3b1f-4c0a-9d5e-2b9f7a0c1d2e',
    version: 3,
    title: 't',
    body: null,
    pinned: false,
  };

  describe('record', () => {
    it('requires every column, nullable ones included (the cache holds whole rows)', () => {
      expect(record(full)).toBe(true);
      const { body: _body, ...withoutBody } = full;
      expect(record(withoutBody)).toBe(false);
    });

    it('refuses columns the entity does not have', () => {
      expect(record({ ...full, extra: 1 })).toBe(false);
    });
  });

  describe('create', () => {
    it('requires only writable, non-null columns without a default', () => {
      expect(schemas.create.required).toEqual(['title']);
      expect(create({ title: 't' })).toBe(true);
      expect(create({})).toBe(false);
    });

    it('refuses server-set columns (tenant, version)', () => {
      expect(create({ title: 't', tenant_id: 'other' })).toBe(false);
      expect(create({ title: 't', version: 99 })).toBe(false);
    });
  });

  describe('update', () => {
    it('takes any writable column, but at least one', () => {
      expect(update({ body: 'b' })).toBe(true);
      expect(update({ pinned: true })).toBe(true);
      expect(update({})).toBe(false);
    });

    it('refuses server-set columns and unknown ones', () => {
      expect(update({ version: 99 })).toBe(false);
      expect(update({ tenant_id: 'other' })).toBe(false);
      expect(update({ colour: 'red' })).toBe(false);
    });

    it('refuses a change of a key column (it would orphan the cache key)', () => {
      expect(update({ id: '0b7e4f4e-8a55-4f1b-9d7e-3c1f2a9e6b10' })).toBe(false);
    });
  });
});
