import { Injectable } from '@nestjs/common';
import type { SimErrorResponder } from '../../common/types/sim-error-responder.type';
import type { SimResponse } from '../../common/types/sim-response.type';
import { hubSpotErrorBody } from '../utils/hubspot-error-body.util';
import { hubSpotRateLimitBody } from '../utils/hubspot-rate-limit-body.util';
import { HubSpotRateLimiter } from './hubspot-rate-limiter.service';

/** HubSpot-shaped answers for injected faults; a 429 storm looks like a TEN_SECONDLY_ROLLING hit. */
@Injectable()
export class HubSpotErrorResponder implements SimErrorResponder {
  constructor(private readonly limiter: HubSpotRateLimiter) {}

  unavailable(res: SimResponse): void {
    res.status(503).json(hubSpotErrorBody('SERVICE_UNAVAILABLE', 'Service Unavailable'));
  }

  serverError(res: SimResponse, status: number): void {
    res.status(status).json(hubSpotErrorBody('INTERNAL_ERROR', 'internal error'));
  }

  throttled(res: SimResponse, retryAfterSeconds: number): void {
    for (const [name, value] of Object.entries(this.limiter.headers())) res.setHeader(name, value);
    res.setHeader('X-HubSpot-RateLimit-Remaining', '0');
    res.setHeader('Retry-After', String(retryAfterSeconds));
    res.status(429).json(hubSpotRateLimitBody('TEN_SECONDLY_ROLLING'));
  }
}
