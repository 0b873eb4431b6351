import { Injectable, NestMiddleware } from '@nestjs/common';
import type { SimNext } from '../../common/types/sim-next.type';
import type { SimRequest } from '../../common/types/sim-request.type';
import type { SimResponse } from '../../common/types/sim-response.type';
import { isAdminPath } from '../../common/utils/is-admin-path.util';
import { HubSpotRateLimiter } from '../services/hubspot-rate-limiter.service';
import { hubSpotRateLimitBody } from '../utils/hubspot-rate-limit-body.util';

const SEARCH_PATH = /^\/crm\/v3\/objects\/[^/]+\/search\/?$/;

/** Sends the X-HubSpot-RateLimit-* headers on every call; over a limit, a 429 with Retry-After. */
@Injectable()
export class HubSpotRateLimitMiddleware implements NestMiddleware<SimRequest, SimResponse> {
  constructor(private readonly limiter: HubSpotRateLimiter) {}

  use(req: SimRequest, res: SimResponse, next: SimNext): void {
    if (isAdminPath(req.originalUrl)) {
      next();
      return;
    }
    const path = req.originalUrl.split('?', 1)[0];
    const verdict = this.limiter.acquire(req.method === 'POST' && SEARCH_PATH.test(path));
    for (const [name, value] of Object.entries(verdict.headers)) res.setHeader(name, value);
    if (verdict.allowed || !verdict.policy) {
      next();
      return;
    }
    res.setHeader('Retry-After', String(verdict.retryAfterSeconds ?? 1));
    res.status(429).json(hubSpotRateLimitBody(verdict.policy));
  }
}
