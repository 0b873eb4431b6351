import { DestinationConnection } from '@syncline/connectors';
import { DestinationEntity, TenantEntity } from '@syncline/persistence';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { DataSource, Not, Like, Repository } from 'typeorm';
import { DEFAULT_RATE_LIMITS } from '../constants/default-rate-limits.constant';
import { DESTINATION_INPUT_SCHEMAS } from '../constants/destination-input-schema.constant';
import { ControlPlaneException } from '../exceptions/control-plane.exception';
import { Destination } from '../types/destination.type';
import { DestinationInput } from '../types/destination-input.type';
import { CredentialCipher } from './credential-cipher';

/** Where destinations may point: host patterns (`api.hubapi.com`, `*.my.salesforce.com`); empty = any. */
export interface DestinationPolicy {
  allowedHosts?: readonly string[];
}

interface FieldIssue {
  path: string;
  message: string;
}

/** Tenants and destinations; credentials go in encrypted and come out only as a connection. */
export class DestinationRepository {
  private readonly destinations: Repository<DestinationEntity>;
  private readonly tenants: Repository<TenantEntity>;
  private readonly validators: Record<'create' | 'update', ValidateFunction>;

  constructor(
    dataSource: DataSource,
    private readonly cipher: CredentialCipher,
    private readonly policy: DestinationPolicy = {},
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
    this.refuse(this.endpointIssues(valid.baseUrl, valid.options));
    if (!(await this.tenants.existsBy({ id: tenant })))
      throw new ControlPlaneException('NOT_FOUND', `unknown tenant ${JSON.stringify(tenant)}`);
    // The id is chosen here: the credentials are sealed to it (associated data).
    const id = randomUUID();
    const saved = await this.destinations.save(
      this.destinations.create({
        id,
        tenantId: tenant,
        name: valid.name,
        kind: valid.kind,
        baseUrl: valid.baseUrl,
        credentialsEncrypted: this.cipher.encrypt(valid.credentials, id),
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
    const baseUrl = change.baseUrl ?? entity.baseUrl;
    const options = change.options ?? entity.options;
    this.refuse(this.endpointIssues(baseUrl, options));
    // Credentials belong to the endpoint they were given for: moving them elsewhere would let
    // the admin key send a tenant's token to any host.
    const moved =
      (change.kind !== undefined && change.kind !== entity.kind) ||
      baseUrl !== entity.baseUrl ||
      loginUrlOf(options) !== loginUrlOf(entity.options);
    if (moved && change.credentials === undefined) {
      this.refuse([
        {
          path: '/credentials',
          message: 'required when kind, baseUrl or options.loginUrl changes',
        },
      ]);
    }
    if (change.name !== undefined) entity.name = change.name;
    if (change.kind !== undefined) entity.kind = change.kind;
    if (change.baseUrl !== undefined) entity.baseUrl = change.baseUrl;
    if (change.credentials !== undefined)
      entity.credentialsEncrypted = this.cipher.encrypt(change.credentials, entity.id);
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
   * routing to it at their next reload; its Kafka topics are the caller's to delete.
   */
  async delete(tenant: string, id: string): Promise<void> {
    await this.destinations.remove(await this.entity(tenant, id));
  }

  /**
   * Rewrites credentials still sealed in the unbound v1 format as v2 (bound to their destination).
   * Run by the cache-api at start-up. Values that cannot be read (another key, damaged) are left
   * as they are and named in `unreadable`: they could not be delivered with either way.
   */
  async upgradeCredentials(): Promise<{ upgraded: number; unreadable: string[] }> {
    const legacy = await this.destinations.find({
      where: { credentialsEncrypted: Not(Like('v2.%')) },
      select: { id: true, credentialsEncrypted: true },
    });
    let upgraded = 0;
    const unreadable: string[] = [];
    for (const row of legacy) {
      let credentials: Record<string, unknown>;
      try {
        credentials = this.cipher.decrypt(row.credentialsEncrypted, row.id);
      } catch (error) {
        if (!(error instanceof ControlPlaneException)) throw error;
        unreadable.push(row.id);
        continue;
      }
      // Only if nobody rewrote it meanwhile (an admin PATCH with new credentials wins).
      const result = await this.destinations.update(
        { id: row.id, credentialsEncrypted: row.credentialsEncrypted },
        { credentialsEncrypted: this.cipher.encrypt(credentials, row.id) },
      );
      upgraded += result.affected ?? 0;
    }
    return { upgraded, unreadable };
  }

  /** Whether any tenant has a destination with this id. */
  async exists(id: string): Promise<boolean> {
    return this.destinations.existsBy({ id });
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
      credentials: this.cipher.decrypt(entity.credentialsEncrypted, entity.id),
      options: entity.options,
    } as DestinationConnection;
  }

  /**
   * A destination by id alone, with the secret its inbound webhooks are signed with (null when
   * none is configured): for the webhook endpoints only, never for a response. Undefined when no
   * destination has this id.
   */
  async webhookTarget(
    id: string,
  ): Promise<{ destination: Destination; webhookSecret: string | null } | undefined> {
    const entity = /^[0-9a-f-]{36}$/i.test(id) ? await this.destinations.findOneBy({ id }) : null;
    if (!entity) return undefined;
    const { webhookSecret } = this.cipher.decrypt(entity.credentialsEncrypted, entity.id);
    return {
      destination: toDestination(entity),
      webhookSecret:
        typeof webhookSecret === 'string' && webhookSecret !== '' ? webhookSecret : null,
    };
  }

  private async entity(tenant: string, id: string): Promise<DestinationEntity> {
    const entity = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.destinations.findOneBy({ id, tenantId: tenant })
      : null;
    if (!entity)
      throw new ControlPlaneException('NOT_FOUND', `tenant ${tenant} has no destination ${id}`);
    return entity;
  }

  /** The hosts that would receive credentials, held to the operator's allow-list. */
  private endpointIssues(
    baseUrl: string,
    options: Record<string, unknown> | undefined,
  ): FieldIssue[] {
    const allowed = this.policy.allowedHosts ?? [];
    if (allowed.length === 0) return [];
    const endpoints: [string, unknown][] = [
      ['/baseUrl', baseUrl],
      ['/options/loginUrl', loginUrlOf(options)],
    ];
    const issues: FieldIssue[] = [];
    for (const [path, url] of endpoints) {
      if (url === undefined) continue;
      const host = hostOf(url);
      if (host === undefined || !allowed.some((pattern) => hostMatches(pattern, host)))
        issues.push({
          path,
          message: `host is not in SYNCLINE_DESTINATION_HOSTS (${allowed.join(', ')})`,
        });
    }
    return issues;
  }

  private refuse(issues: FieldIssue[]): void {
    if (issues.length === 0) return;
    throw Object.assign(
      new ControlPlaneException(
        'INVALID_DESTINATION',
        `invalid destination: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      ),
      { issues },
    );
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

function loginUrlOf(options: Record<string, unknown> | undefined): unknown {
  return options?.loginUrl;
}

function hostOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** `api.hubapi.com` matches itself only; `*.my.salesforce.com` matches any subdomain of it. */
function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  return p.startsWith('*.') ? host.endsWith(p.slice(1)) : host === p;
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
