import { DestinationConnection } from '@syncline/connectors';
import { DestinationEntity, TenantEntity } from '@syncline/persistence';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { DataSource, Repository } from 'typeorm';
import { DEFAULT_RATE_LIMITS } from '../constants/default-rate-limits.constant';
import { DESTINATION_INPUT_SCHEMAS } from '../constants/destination-input-schema.constant';
import { ControlPlaneException } from '../exceptions/control-plane.exception';
import { Destination } from '../types/destination.type';
import { DestinationInput } from '../types/destination-input.type';
import { CredentialCipher } from './credential-cipher';

/** Tenants and destinations; credentials go in encrypted and come out only as a connection. */
export class DestinationRepository {
  private readonly destinations: Repository<DestinationEntity>;
  private readonly tenants: Repository<TenantEntity>;
  private readonly validators: Record<'create' | 'update', ValidateFunction>;

  constructor(
    dataSource: DataSource,
    private readonly cipher: CredentialCipher,
  ) {
    this.destinations = dataSource.getRepository(DestinationEntity);
    this.tenants = dataSource.getRepository(TenantEntity);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    this.validators = {
      create: ajv.compile(DESTINATION_INPUT_SCHEMAS.create),
      update: ajv.compile(DESTINATION_INPUT_SCHEMAS.update),
    };
  }

  async putTenant(id: string, name: string): Promise<void> {
    await this.tenants.upsert({ id, name }, ['id']);
  }

  async create(tenant: string, input: unknown): Promise<Destination> {
    const valid = this.validate('create', input);
    if (!(await this.tenants.existsBy({ id: tenant })))
      throw new ControlPlaneException('NOT_FOUND', `unknown tenant ${JSON.stringify(tenant)}`);
    const saved = await this.destinations.save(
      this.destinations.create({
        tenantId: tenant,
        name: valid.name,
        kind: valid.kind,
        baseUrl: valid.baseUrl,
        credentialsEncrypted: this.cipher.encrypt(valid.credentials),
        options: valid.options ?? {},
        rateLimit: valid.rateLimit ?? DEFAULT_RATE_LIMITS[valid.kind],
        mirror: valid.mirror ?? false,
      }),
    );
    return toDestination(saved);
  }

  async update(tenant: string, id: string, input: unknown): Promise<Destination> {
    const change = this.validate('update', input) as Partial<DestinationInput>;
    const entity = await this.entity(tenant, id);
    if (change.name !== undefined) entity.name = change.name;
    if (change.kind !== undefined) entity.kind = change.kind;
    if (change.baseUrl !== undefined) entity.baseUrl = change.baseUrl;
    if (change.credentials !== undefined)
      entity.credentialsEncrypted = this.cipher.encrypt(change.credentials);
    if (change.options !== undefined) entity.options = change.options;
    if (change.rateLimit !== undefined) entity.rateLimit = change.rateLimit;
    if (change.mirror !== undefined) entity.mirror = change.mirror;
    entity.version += 1;
    return toDestination(await this.destinations.save(entity));
  }

  async setPaused(tenant: string, id: string, paused: boolean): Promise<Destination> {
    const entity = await this.entity(tenant, id);
    entity.paused = paused;
    entity.version += 1;
    return toDestination(await this.destinations.save(entity));
  }

  /**
   * Removes a destination with its mappings and delivery log (ON DELETE CASCADE). Workers stop
   * routing to it at their next reload and skip what is left in its queue.
   */
  async delete(tenant: string, id: string): Promise<void> {
    await this.destinations.remove(await this.entity(tenant, id));
  }

  async get(tenant: string, id: string): Promise<Destination> {
    return toDestination(await this.entity(tenant, id));
  }

  async list(tenant?: string): Promise<Destination[]> {
    const rows = await this.destinations.find({
      where: tenant ? { tenantId: tenant } : {},
      order: { createdAt: 'ASC' },
    });
    return rows.map(toDestination);
  }

  /** What a connector needs, credentials decrypted: for workers only, never for a response. */
  async connection(id: string): Promise<DestinationConnection> {
    const entity = await this.destinations.findOneBy({ id });
    if (!entity) throw new ControlPlaneException('NOT_FOUND', `unknown destination ${id}`);
    return {
      id: entity.id,
      kind: entity.kind,
      baseUrl: entity.baseUrl,
      credentials: this.cipher.decrypt(entity.credentialsEncrypted),
      options: entity.options,
    } as DestinationConnection;
  }

  private async entity(tenant: string, id: string): Promise<DestinationEntity> {
    const entity = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.destinations.findOneBy({ id, tenantId: tenant })
      : null;
    if (!entity)
      throw new ControlPlaneException('NOT_FOUND', `tenant ${tenant} has no destination ${id}`);
    return entity;
  }

  private validate(purpose: 'create' | 'update', input: unknown): DestinationInput {
    const validate = this.validators[purpose];
    if (validate(input)) return input as DestinationInput;
    const issues = (validate.errors ?? []).map((error) => ({
      path:
        error.keyword === 'required'
          ? `${error.instancePath}/${String((error.params as { missingProperty: string }).missingProperty)}`
          : error.keyword === 'additionalProperties'
            ? `${error.instancePath}/${String((error.params as { additionalProperty: string }).additionalProperty)}`
            : error.instancePath,
      message: error.message ?? error.keyword,
    }));
    throw Object.assign(
      new ControlPlaneException(
        'INVALID_DESTINATION',
        `invalid destination: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      ),
      { issues },
    );
  }
}

function toDestination(entity: DestinationEntity): Destination {
  return {
    id: entity.id,
    tenant: entity.tenantId,
    name: entity.name,
    kind: entity.kind,
    baseUrl: entity.baseUrl,
    options: entity.options,
    rateLimit: entity.rateLimit,
    mirror: entity.mirror,
    paused: entity.paused,
    version: entity.version,
  };
}
