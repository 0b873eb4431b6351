import {
  EntityMapping,
  InvalidMappingException,
  MappingDocument,
  validateMappingDocument,
} from '@syncline/mapping';
import { DestinationEntity, EntityMappingEntity } from '@syncline/persistence';
import { EntityRegistry } from '@syncline/records';
import { DataSource, Repository } from 'typeorm';
import { ControlPlaneException } from '../exceptions/control-plane.exception';

/** Entity mappings, validated when written; every change raises the mapping's version. */
export class MappingRepository {
  private readonly mappings: Repository<EntityMappingEntity>;
  private readonly destinations: Repository<DestinationEntity>;

  constructor(
    dataSource: DataSource,
    private readonly entities: EntityRegistry,
  ) {
    this.mappings = dataSource.getRepository(EntityMappingEntity);
    this.destinations = dataSource.getRepository(DestinationEntity);
  }

  /** Creates or replaces the mapping of (tenant, entity) to a destination. */
  async put(
    tenant: string,
    entityName: string,
    destinationId: string,
    document: unknown,
  ): Promise<EntityMapping> {
    const entity = this.entities.byEntityName(entityName);
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
      ['entity', entity.name],
      ['destinationId', destinationId],
    ] as const) {
      if (body[field] !== undefined && body[field] !== expected) {
        throw new InvalidMappingException([
          { path: `/${field}`, message: `must match the URL (${expected}) or be left out` },
        ]);
      }
    }
    const valid = validateMappingDocument(
      { ...body, entity: entity.name, destinationId },
      Object.keys(entity.columns),
    );
    const existing = await this.mappings.findOneBy({
      tenantId: tenant,
      entity: entity.name,
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
            entity: entity.name,
            destinationId,
            document: rest,
            version: 1,
          }),
    );
    return toMapping(saved);
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
