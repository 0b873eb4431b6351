import {
  EntityMapping,
  InvalidMappingException,
  MappingDocument,
  validateMappingDocument,
} from '@syncline/mapping';
import { DestinationEntity, EntityMappingEntity } from '@syncline/persistence';
import {
  CollectionDefinition,
  CollectionRegistry,
  UnknownCollectionException,
} from '@syncline/records';
import { DataSource, Repository } from 'typeorm';
import { ControlPlaneException } from '../exceptions/control-plane.exception';

/**
 * Mappings of collections to destinations, validated when written (against the collection's
 * columns when the source's catalog can be read); every change raises the mapping's version.
 */
export class MappingRepository {
  private readonly mappings: Repository<EntityMappingEntity>;
  private readonly destinations: Repository<DestinationEntity>;

  constructor(
    dataSource: DataSource,
    private readonly collections?: CollectionRegistry,
  ) {
    this.mappings = dataSource.getRepository(EntityMappingEntity);
    this.destinations = dataSource.getRepository(DestinationEntity);
  }

  /**
   * Creates or replaces the mapping of (tenant, collection) to a destination. Throws
   * UnknownCollectionException for a name the source does not have; when the catalog cannot be
   * read, the document's shape is checked and the delivery-worker reports a bad collection.
   */
  async put(
    tenant: string,
    collectionName: string,
    destinationId: string,
    document: unknown,
  ): Promise<EntityMapping> {
    const collection = await this.collectionNamed(collectionName);
    const destination = /^[0-9a-f-]{36}$/i.test(destinationId)
      ? await this.destinations.findOneBy({ id: destinationId, tenantId: tenant })
      : null;
    if (!destination)
      throw new ControlPlaneException(
        'NOT_FOUND',
        `tenant ${tenant} has no destination ${destinationId}`,
      );
    // The URL names the entity and the destination; a body that names others is a mistake.
    const body = (typeof document === 'object' && document !== null ? document : {}) as Record<
      string,
      unknown
    >;
    for (const [field, expected] of [
      ['entity', collectionName],
      ['destinationId', destinationId],
    ] as const) {
      if (body[field] !== undefined && body[field] !== expected) {
        throw new InvalidMappingException([
          { path: `/${field}`, message: `must match the URL (${expected}) or be left out` },
        ]);
      }
    }
    if (collection?.fixedTenant !== undefined && collection.fixedTenant !== tenant) {
      throw new InvalidMappingException([
        {
          path: '/entity',
          message: `${collectionName} is single-tenant: its records belong to tenant ${collection.fixedTenant}`,
        },
      ]);
    }
    const valid = validateMappingDocument(
      { ...body, entity: collectionName, destinationId },
      collection?.columns,
    );
    // Rows created from CRM records need the identity written back by record id (the CRM's
    // updateByExternalId), which a REST destination has no endpoint for.
    if (destination.kind === 'rest' && valid.inbound?.createRows) {
      throw new InvalidMappingException([
        {
          path: '/inbound/createRows',
          message:
            "is not supported on 'rest' destinations: a record's identity cannot be written back to them",
        },
      ]);
    }
    const existing = await this.mappings.findOneBy({
      tenantId: tenant,
      entity: collectionName,
      destinationId,
    });
    const {
      entity: _entity,
      destinationId: _destination,
      ...rest
    } = valid as MappingDocument & Record<string, unknown>;
    const saved = await this.mappings.save(
      existing
        ? Object.assign(existing, { document: rest, version: existing.version + 1 })
        : this.mappings.create({
            tenantId: tenant,
            entity: collectionName,
            destinationId,
            document: rest,
            version: 1,
          }),
    );
    return toMapping(saved);
  }

  /**
   * The collection a mapping names. One added since start-up is found by re-reading the catalog;
   * undefined when there is no registry or the catalog cannot be read.
   */
  private async collectionNamed(name: string): Promise<CollectionDefinition | undefined> {
    if (!this.collections) return undefined;
    const known = () => this.collections?.collections.find((c) => c.name === name);
    if (known()) return known();
    try {
      await this.collections.reload();
    } catch {
      return undefined;
    }
    const found = known();
    if (!found) throw new UnknownCollectionException(name);
    return found;
  }

  async list(tenant?: string): Promise<EntityMapping[]> {
    const rows = await this.mappings.find({
      where: tenant ? { tenantId: tenant } : {},
      order: { updatedAt: 'ASC' },
    });
    return rows.map(toMapping);
  }

  async delete(tenant: string, entity: string, destinationId: string): Promise<boolean> {
    const result = await this.mappings.delete({ tenantId: tenant, entity, destinationId });
    return (result.affected ?? 0) > 0;
  }
}

function toMapping(row: EntityMappingEntity): EntityMapping {
  return {
    ...(row.document as unknown as Omit<
      EntityMapping,
      'id' | 'tenant' | 'entity' | 'destinationId' | 'version'
    >),
    id: row.id,
    tenant: row.tenantId,
    entity: row.entity,
    destinationId: row.destinationId,
    version: row.version,
  };
}
