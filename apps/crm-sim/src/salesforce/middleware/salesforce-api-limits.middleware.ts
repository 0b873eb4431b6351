import { Injectable, NestMiddleware } from '@nestjs/common';
import type { SimNext } from '../../common/types/sim-next.type';
import type { SimRequest } from '../../common/types/sim-request.type';
import type { SimResponse } from '../../common/types/sim-response.type';
import { SalesforceApiUsageService } from '../services/salesforce-api-usage.service';
import { salesforceErrorBody } from '../utils/salesforce-error-body.util';

/**
 * Counts every REST call against the daily API request limit, sends `Sforce-Limit-Info:
 * api-usage=N/M` on every REST answer, and refuses with 403 REQUEST_LIMIT_EXCEEDED over the daily
 * or the concurrency limit, as Salesforce does.
 */
@Injectable()
export class SalesforceApiLimitsMiddleware implements NestMiddleware<SimRequest, SimResponse> {
  constructor(private readonly usage: SalesforceApiUsageService) {}

  use(req: SimRequest, res: SimResponse, next: SimNext): void {
    if (!req.originalUrl.startsWith('/services/data/v')) {
      next();
      return;
    }
    const verdict = this.usage.tryAcquire();
    res.setHeader('Sforce-Limit-Info', `api-usage=${verdict.used}/${verdict.max}`);
    if (!verdict.ok) {
      res.locals.simLimitExceeded = true;
      const message =
        verdict.reason === 'daily'
          ? 'TotalRequests Limit exceeded.'
          : 'ConcurrentPerOrgLongTxn Limit exceeded.';
      res.status(403).json(salesforceErrorBody('REQUEST_LIMIT_EXCEEDED', message));
      return;
    }
    res.on('close', () => this.usage.release());
    next();
  }
}
