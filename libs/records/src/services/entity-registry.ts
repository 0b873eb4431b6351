import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ENTITY_DEFINITIONS } from '../constants/entity-definitions.constant';
import { SchemaIssue, SchemaViolationException } from '../exceptions/schema-violation.exception';
import { UnknownEntityException } from '../exceptions/unknown-entity.exception';
import { CanonicalRecord } from '../types/canonical-record.type';
import { EntityDefinition } from '../types/entity-definition.type';
import { recordJsonSchemas } from '../utils/record-json-schemas.util';
import { toCanonicalValue } from '../utils/to-canonical-value.util';

type SchemaPurpose = 'record' | 'create' | 'update';

/**
 * The synced entities, looked up by name or table, with their validators compiled once at start.
 */
export class EntityRegistry {
  private readonly byName = new Map<string, EntityDefinition>();
  private readonly byTable = new Map<string, EntityDefinition>();
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(definitions: readonly EntityDefinition[] = ENTITY_DEFINITIONS) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    for (const definition of definitions) {
      this.byName.set(definition.name, definition);
      this.byTable.set(definition.table, definition);
      const schemas = recordJsonSchemas(definition);
      for (const purpose of ['record', 'create', 'update'] as const) {
        this.validators.set(`${definition.name}:${purpose}`, ajv.compile(schemas[purpose]));
      }
    }
  }

  get definitions(): EntityDefinition[] {
    return [...this.byName.values()];
  }

  byEntityName(name: string): EntityDefinition {
    const definition = this.byName.get(name);
    if (!definition) throw new UnknownEntityException(name);
    return definition;
  }

  byTableName(table: string): EntityDefinition {
    const definition = this.byTable.get(table);
    if (!definition) throw new UnknownEntityException(table);
    return definition;
  }

  /** Canonical form of a row from Debezium or node-postgres; columns the entity lacks are dropped. */
  canonicalize(definition: EntityDefinition, row: Record<string, unknown>): CanonicalRecord {
    const record: CanonicalRecord = {};
    for (const [name, column] of Object.entries(definition.columns)) {
      record[name] = toCanonicalValue(column.kind, row[name]);
    }
    return record;
  }

  /** Throws `SchemaViolationException` naming every bad field. */
  validate(definition: EntityDefinition, value: unknown, purpose: SchemaPurpose = 'record'): void {
    const validate = this.validators.get(`${definition.name}:${purpose}`);
    if (!validate) throw new UnknownEntityException(definition.name);
    if (validate(value)) return;
    const issues: SchemaIssue[] = (validate.errors ?? []).map((error) => ({
      path:
        error.keyword === 'additionalProperties'
          ? `${error.instancePath}/${String((error.params as { additionalProperty: string }).additionalProperty)}`
          : error.keyword === 'required'
            ? `${error.instancePath}/${String((error.params as { missingProperty: string }).missingProperty)}`
            : error.instancePath,
      message: error.message ?? error.keyword,
    }));
    throw new SchemaViolationException(definition.name, issues);
  }
}
