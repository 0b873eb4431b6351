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

const DEVELOPER_API = /^\/webhooks\//;

/**
 * Private-app auth: `Authorization: Bearer <token>`; the app-level webhooks API takes the
 * developer API key as `?hapikey=` instead. A 401 INVALID_AUTHENTICATION otherwise.
 */
@Injectable()
export class HubSpotAuthMiddleware implements NestMiddleware<SimRequest, SimResponse> {
  private readonly tokens: Set<string> | undefined;
  private readonly developerKeys: Set<string> | undefined;

  constructor(@Inject(HUBSPOT_SIM_OPTIONS) options: HubSpotSimOptions) {
    this.tokens = options.accessTokens ? new Set(options.accessTokens) : undefined;
    const keys = options.webhooks?.developerApiKeys;
    this.developerKeys = keys ? new Set(keys) : undefined;
  }

  use(req: SimRequest, _res: SimResponse, next: SimNext): void {
    if (isAdminPath(req.originalUrl)) {
      next();
      return;
    }
    const [path, query = ''] = req.originalUrl.split(/\?(.*)/s, 2);
    if (DEVELOPER_API.test(path)) {
      const key = new URLSearchParams(query).get('hapikey');
      if (!key || (this.developerKeys && !this.developerKeys.has(key))) {
        throw new HubSpotApiException(
          401,
          'INVALID_AUTHENTICATION',
          'The API key provided is invalid. This API takes a developer API key as the hapikey query parameter.',
        );
      }
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
