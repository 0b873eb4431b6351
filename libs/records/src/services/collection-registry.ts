import { readFile } from 'node:fs/promises';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { Pool } from 'pg';
import { readCatalog, readPublicationTables } from '../catalog/read-catalog';
import { buildCollections } from '../config/build-collections.util';
import { CollectionsConfig } from '../config/collections-config.type';
import { parseCollectionsConfig } from '../config/parse-collections-config.util';
import { SchemaIssue, SchemaViolationException } from '../exceptions/schema-violation.exception';
import { UnknownCollectionException } from '../exceptions/unknown-collection.exception';
import { CanonicalRecord } from '../types/canonical-record.type';
import { CollectionDefinition } from '../types/collection-definition.type';
import { columnEntries } from '../utils/column-entries.util';
import { recordIdOf } from '../utils/record-id.util';
import { recordJsonSchemas } from '../utils/record-json-schemas.util';
import { toCanonicalValue } from '../utils/to-canonical-value.util';

type SchemaPurpose = 'record' | 'create' | 'update';

export interface CollectionSource {
  pool: Pool;
  publication: string;
  /** Path of the collections config (YAML); absent = zero-config. */
  configFile?: string;
}

/**
 * The collections this process syncs, built from the collections config and the Postgres catalog
 * at start-up, with their validators compiled. `reload()` re-reads the catalog (a column added,
 * dropped or widened, an enum label added) and swaps definitions in place; a definition object
 * handed out earlier stays valid for the work it was given to.
 */
export class CollectionRegistry {
  private byName = new Map<string, CollectionDefinition>();
  private byTable = new Map<string, CollectionDefinition>();
  // Keyed by the definition object: one handed out before a reload keeps its validators.
  private readonly validators = new WeakMap<
    CollectionDefinition,
    Map<SchemaPurpose, ValidateFunction>
  >();
  private skippedTables: string[] = [];

  private constructor(
    private readonly source: CollectionSource | undefined,
    private readonly config: CollectionsConfig,
  ) {}

  /** Reads the config and the catalog; throws CollectionsConfigException naming every problem. */
  static async load(source: CollectionSource): Promise<CollectionRegistry> {
    const config = source.configFile
      ? parseCollectionsConfig(await readFile(source.configFile, 'utf8'), source.configFile)
      : {};
    const registry = new CollectionRegistry(source, config);
    await registry.reload();
    return registry;
  }

  /** A registry of given definitions (tests, tools that already hold them). */
  static of(collections: readonly CollectionDefinition[]): CollectionRegistry {
    const registry = new CollectionRegistry(undefined, {});
    registry.install(collections);
    return registry;
  }

  /** Re-reads the catalog. Resolves to true when any collection's definition changed. */
  async reload(): Promise<boolean> {
    if (!this.source) return false;
    const published = await readPublicationTables(this.source.pool, this.source.publication);
    const catalog = await readCatalog(this.source.pool, published);
    const { collections, skipped } = buildCollections(published, catalog, this.config);
    this.skippedTables = skipped;
    const changed = JSON.stringify(collections) !== JSON.stringify(this.collections);
    if (changed) this.install(collections);
    return changed;
  }

  get collections(): CollectionDefinition[] {
    return [...this.byName.values()];
  }

  /** Published tables that are not collections, and why. */
  get skipped(): readonly string[] {
    return this.skippedTables;
  }

  byCollectionName(name: string): CollectionDefinition {
    const collection = this.byName.get(name);
    if (!collection) throw new UnknownCollectionException(name);
    return collection;
  }

  /** The collection of a source table; undefined when the table is not one (yet). */
  findByTable(schema: string, table: string): CollectionDefinition | undefined {
    return this.byTable.get(`${schema}.${table}`);
  }

  /** Canonical form of a row from Debezium or Postgres; columns the collection lacks are dropped. */
  canonicalize(collection: CollectionDefinition, row: Record<string, unknown>): CanonicalRecord {
    const record: CanonicalRecord = {};
    for (const [name, column] of columnEntries(collection)) {
      record[name] = toCanonicalValue(column, row[name]);
    }
    return record;
  }

  recordId(collection: CollectionDefinition, record: CanonicalRecord): string {
    return recordIdOf(collection, record);
  }

  /** The tenant a record belongs to: its tenant column's value, or the collection's fixed tenant. */
  tenantOf(collection: CollectionDefinition, record: CanonicalRecord): string | undefined {
    if (!collection.tenantColumn) return collection.fixedTenant;
    const value = record[collection.tenantColumn];
    // Tenant columns are text, uuid, integer or enum (buildCollections checks): a string or number.
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  }

  /** The row's version column value; undefined for WAL-position collections. */
  versionOf(collection: CollectionDefinition, record: CanonicalRecord): number | undefined {
    if (!collection.versionColumn) return undefined;
    const value = record[collection.versionColumn];
    return typeof value === 'number' ? value : undefined;
  }

  /** Throws `SchemaViolationException` naming every bad field. */
  validate(
    collection: CollectionDefinition,
    value: unknown,
    purpose: SchemaPurpose = 'record',
  ): void {
    const validate = this.validators.get(collection)?.get(purpose);
    if (!validate) throw new UnknownCollectionException(collection.name);
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
    throw new SchemaViolationException(collection.name, issues);
  }

  private install(collections: readonly CollectionDefinition[]): void {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    const byName = new Map<string, CollectionDefinition>();
    const byTable = new Map<string, CollectionDefinition>();
    for (const collection of collections) {
      byName.set(collection.name, collection);
      byTable.set(`${collection.schema}.${collection.table}`, collection);
      const schemas = recordJsonSchemas(collection);
      this.validators.set(
        collection,
        new Map(
          (['record', 'create', 'update'] as const).map((purpose) => [
            purpose,
            ajv.compile(schemas[purpose]),
          ]),
        ),
      );
    }
    this.byName = byName;
    this.byTable = byTable;
  }
}
