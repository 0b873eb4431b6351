import { Injectable, NestMiddleware } from '@nestjs/common';
import { SimFaultService } from '../services/sim-fault.service';
import type { SimNext } from '../types/sim-next.type';
import type { SimRequest } from '../types/sim-request.type';
import type { SimResponse } from '../types/sim-response.type';
import { isAdminPath } from '../utils/is-admin-path.util';

/**
 * Injected latency, last before the handler: a slow call has already passed auth and holds its
 * rate-limit / concurrency slot while it waits, like a slow request on the real service.
 */
@Injectable()
export class SimLatencyMiddleware implements NestMiddleware<SimRequest, SimResponse> {
  constructor(private readonly faults: SimFaultService) {}

  use(req: SimRequest, _res: SimResponse, next: SimNext): void {
    const delay = isAdminPath(req.originalUrl) ? 0 : this.faults.delayMs();
    if (delay === 0) {
      next();
      return;
    }
    setTimeout(() => next(), delay);
  }
}
