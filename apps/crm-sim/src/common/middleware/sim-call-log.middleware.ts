import { Injectable, NestMiddleware } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { SimCallLogService } from '../services/sim-call-log.service';
import { SimMetricsService } from '../services/sim-metrics.service';
import type { SimNext } from '../types/sim-next.type';
import type { SimRequest } from '../types/sim-request.type';
import type { SimResponse } from '../types/sim-response.type';
import { isAdminPath } from '../utils/is-admin-path.util';

/**
 * First in the pipeline, before body parsing, so that malformed, throttled, faulted and reset
 * calls are all recorded. Records when the response closes, with the status actually sent.
 */
@Injectable()
export class SimCallLogMiddleware implements NestMiddleware<SimRequest, SimResponse> {
  constructor(
    private readonly callLog: SimCallLogService,
    private readonly metrics: SimMetricsService,
  ) {}

  use(req: SimRequest, res: SimResponse, next: SimNext): void {
    if (isAdminPath(req.originalUrl)) {
      next();
      return;
    }
    const started = performance.now();
    const startedAt = new Date();
    res.on('close', () => {
      const [path, query = ''] = req.originalUrl.split(/\?(.*)/s, 2);
      const status = res.locals.simReset || !res.headersSent ? 0 : res.statusCode;
      const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
      const items = res.locals.simItems ?? 0;
      const itemErrors = res.locals.simItemErrors ?? 0;
      const method = req.method ?? 'GET';
      this.callLog.record(
        {
          method,
          path,
          query,
          status,
          items,
          itemErrors,
          timestamp: startedAt.toISOString(),
          durationMs,
        },
        { limitExceeded: res.locals.simLimitExceeded === true },
      );
      this.metrics.observe({
        method,
        route: req.route?.path ?? '(unrouted)',
        status,
        items,
        itemErrors,
        durationMs,
      });
    });
    next();
  }
}
