import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { SIM_ERROR_RESPONDER } from '../constants/sim-error-responder.token';
import { SimFaultService } from '../services/sim-fault.service';
import type { SimErrorResponder } from '../types/sim-error-responder.type';
import type { SimNext } from '../types/sim-next.type';
import type { SimRequest } from '../types/sim-request.type';
import type { SimResponse } from '../types/sim-response.type';
import { isAdminPath } from '../utils/is-admin-path.util';

/** Injected outages, 429 storms (HubSpot) and random 5xx, ahead of auth and rate limits. */
@Injectable()
export class SimFaultMiddleware implements NestMiddleware<SimRequest, SimResponse> {
  constructor(
    private readonly faults: SimFaultService,
    @Inject(SIM_ERROR_RESPONDER) private readonly responder: SimErrorResponder,
  ) {}

  use(req: SimRequest, res: SimResponse, next: SimNext): void {
    if (isAdminPath(req.originalUrl)) {
      next();
      return;
    }
    const decision = this.faults.decide(req.originalUrl.split('?', 1)[0]);
    switch (decision.kind) {
      case 'none':
        next();
        return;
      case 'outage':
        if (decision.mode === 'reset') {
          res.locals.simReset = true;
          req.socket.destroy();
          return;
        }
        this.responder.unavailable(res);
        return;
      case 'throttle':
        // Only switched on for a sim that can answer it (SimFaultService.apply).
        this.responder.throttled?.(res, decision.retryAfterSeconds);
        return;
      case 'error':
        this.responder.serverError(res, decision.status);
        return;
    }
  }
}
