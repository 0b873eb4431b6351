import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { SimNext } from '../../common/types/sim-next.type';
import type { SimRequest } from '../../common/types/sim-request.type';
import type { SimResponse } from '../../common/types/sim-response.type';
import { isAdminPath } from '../../common/utils/is-admin-path.util';
import { HUBSPOT_SIM_OPTIONS } from '../constants/hubspot-sim-options.token';
import { HubSpotApiException } from '../exceptions/hubspot-api.exception';
import type { HubSpotSimOptions } from '../types/hubspot-sim-options.type';

const MISSING =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

/** Private-app auth: `Authorization: Bearer <token>`; a 401 INVALID_AUTHENTICATION otherwise. */
@Injectable()
export class HubSpotAuthMiddleware implements NestMiddleware<SimRequest, SimResponse> {
  private readonly tokens: Set<string> | undefined;

  constructor(@Inject(HUBSPOT_SIM_OPTIONS) options: HubSpotSimOptions) {
    this.tokens = options.accessTokens ? new Set(options.accessTokens) : undefined;
  }

  use(req: SimRequest, _res: SimResponse, next: SimNext): void {
    if (isAdminPath(req.originalUrl)) {
      next();
      return;
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match) throw new HubSpotApiException(401, 'INVALID_AUTHENTICATION', MISSING);
    if (this.tokens && !this.tokens.has(match[1])) {
      throw new HubSpotApiException(
        401,
        'INVALID_AUTHENTICATION',
        'The access token provided is invalid or has been revoked.',
      );
    }
    next();
  }
}
