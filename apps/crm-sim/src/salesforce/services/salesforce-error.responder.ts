import { Injectable } from '@nestjs/common';
import type { SimErrorResponder } from '../../common/types/sim-error-responder.type';
import type { SimResponse } from '../../common/types/sim-response.type';
import { salesforceErrorBody } from '../utils/salesforce-error-body.util';

/**
 * Salesforce-shaped answers for injected faults. Salesforce's REST API never throttles with 429:
 * its limits answer 403 REQUEST_LIMIT_EXCEEDED, which the sim's real limits produce (daily API
 * allowance and concurrency, `POST /__sim/limits`). So it has no 429 storm.
 */
@Injectable()
export class SalesforceErrorResponder implements SimErrorResponder {
  readonly noThrottleReason =
    'Salesforce REST never answers 429: spend the API allowance (POST /__sim/limits {"apiUsage": N}) or cap concurrency ({"maxConcurrent": N}) for its real 403 REQUEST_LIMIT_EXCEEDED';

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
}
