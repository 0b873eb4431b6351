import { Injectable } from '@nestjs/common';
import type { SimErrorResponder } from '../../common/types/sim-error-responder.type';
import type { SimResponse } from '../../common/types/sim-response.type';
import { salesforceErrorBody } from '../utils/salesforce-error-body.util';

/**
 * Salesforce-shaped answers for injected faults. Salesforce's REST API does not throttle with
 * 429 (limits answer 403 REQUEST_LIMIT_EXCEEDED); the sim's 429 storms use the sim-specific
 * code TOO_MANY_REQUESTS so a connector can tell them apart.
 */
@Injectable()
export class SalesforceErrorResponder implements SimErrorResponder {
  unavailable(res: SimResponse): void {
    res
      .status(503)
      .json(
        salesforceErrorBody(
          'SERVER_UNAVAILABLE',
          'Service temporarily unavailable (simulated outage)',
        ),
      );
  }

  serverError(res: SimResponse, status: number): void {
    const errorId = `${Math.floor(Math.random() * 1e9)}-${Math.floor(Math.random() * 1e5)} (${-Math.floor(Math.random() * 1e9)})`;
    res
      .status(status)
      .json(
        salesforceErrorBody(
          'UNKNOWN_EXCEPTION',
          `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}`,
        ),
      );
  }

  throttled(res: SimResponse, retryAfterSeconds: number): void {
    res.setHeader('Retry-After', String(retryAfterSeconds));
    res
      .status(429)
      .json(
        salesforceErrorBody(
          'TOO_MANY_REQUESTS',
          `Too many requests; retry after ${retryAfterSeconds} s (simulated throttling)`,
        ),
      );
  }
}
