import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import { timingSafeEqual } from 'node:crypto';
import { FastifyRequest } from 'fastify';
import { ApiErrorException } from '../errors/api-error.exception';

/**
 * Per-tenant API keys: `X-API-Key: <key>` or `Authorization: Bearer <key>`. A tenant's key opens
 * only that tenant's routes (`/v1/tenants/:tenant/...`); the admin key opens every tenant.
 * 401 without a valid key, 403 with another tenant's.
 */
@Injectable()
export class TenantApiKeyGuard implements CanActivate {
  private readonly tenantsByKey: Map<string, string>;
  private readonly adminKey: string;

  constructor(@Inject(SYNCLINE_CONFIG) config: SynclineConfig) {
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
    const tenant = (request.params as { tenant?: string }).tenant;
    if (tenant !== owner)
      throw new ApiErrorException(403, {
        error: 'forbidden',
        message: `this key may not access tenant ${JSON.stringify(tenant)}`,
      });
    return true;
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
