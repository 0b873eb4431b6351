import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import { CollectionRegistry, DEFAULT_TENANT } from '@syncline/records';
import { timingSafeEqual } from 'node:crypto';
import { FastifyRequest } from 'fastify';
import { ApiErrorException } from '../errors/api-error.exception';

/**
 * Per-tenant API keys: `X-API-Key: <key>` or `Authorization: Bearer <key>`. A tenant's key opens
 * only that tenant's routes (`/v1/tenants/:tenant/...`) and the single-tenant collections whose
 * fixed tenant it is (`/v1/collections/:collection/...`); the admin key opens every tenant.
 * 401 without a valid key, 403 with another tenant's.
 */
@Injectable()
export class TenantApiKeyGuard implements CanActivate {
  private readonly tenantsByKey: Map<string, string>;
  private readonly adminKey: string;

  constructor(
    @Inject(SYNCLINE_CONFIG) config: SynclineConfig,
    @Inject(CollectionRegistry) private readonly collections: CollectionRegistry,
  ) {
    this.tenantsByKey = new Map(
      [...config.http.apiKeys.reveal()].map(([tenant, key]) => [key, tenant]),
    );
    this.adminKey = config.http.adminApiKey.reveal();
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const presented = presentedKey(request);
    if (!presented)
      throw new ApiErrorException(401, {
        error: 'unauthorized',
        message: 'an API key is required (X-API-Key header)',
      });
    if (this.adminKey && safeEqual(presented, this.adminKey)) return true;
    const owner = this.tenantsByKey.get(presented);
    if (owner === undefined)
      throw new ApiErrorException(401, { error: 'unauthorized', message: 'unknown API key' });
    const params = request.params as { tenant?: string; collection?: string };
    const tenant = this.tenantOf(params);
    // A single-tenant route naming no single-tenant collection: the route answers 404 naming it.
    if (tenant === undefined && params.tenant === undefined) return true;
    if (tenant !== owner)
      throw new ApiErrorException(403, {
        error: 'forbidden',
        message: `this key may not access tenant ${JSON.stringify(tenant)}`,
      });
    return true;
  }

  /** The route's tenant, or a single-tenant collection's fixed tenant (none: unknown collection). */
  private tenantOf(params: { tenant?: string; collection?: string }): string | undefined {
    if (params.tenant !== undefined) return params.tenant;
    const collection = this.collections.collections.find((c) => c.name === params.collection);
    return collection && !collection.tenantColumn
      ? (collection.fixedTenant ?? DEFAULT_TENANT)
      : undefined;
  }
}

function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const authorization = request.headers.authorization;
  return authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
