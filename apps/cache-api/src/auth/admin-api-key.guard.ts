import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import { timingSafeEqual } from 'node:crypto';
import { FastifyRequest } from 'fastify';
import { ApiErrorException } from '../errors/api-error.exception';

/** Admin endpoints: only the admin key (X-API-Key or Bearer), never a tenant's key. */
@Injectable()
export class AdminApiKeyGuard implements CanActivate {
  private readonly adminKey: Buffer;

  constructor(@Inject(SYNCLINE_CONFIG) config: SynclineConfig) {
    this.adminKey = Buffer.from(config.http.adminApiKey.reveal());
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers['x-api-key'];
    const presented =
      typeof header === 'string' ? header : request.headers.authorization?.replace(/^Bearer /, '');
    if (!presented)
      throw new ApiErrorException(401, {
        error: 'unauthorized',
        message: 'the admin API key is required (X-API-Key header)',
      });
    const given = Buffer.from(presented);
    if (
      this.adminKey.length === 0 ||
      given.length !== this.adminKey.length ||
      !timingSafeEqual(given, this.adminKey)
    ) {
      throw new ApiErrorException(403, {
        error: 'forbidden',
        message: 'this key may not use admin endpoints',
      });
    }
    return true;
  }
}
