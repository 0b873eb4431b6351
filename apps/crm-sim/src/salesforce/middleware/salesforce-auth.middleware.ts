import { Injectable, NestMiddleware } from '@nestjs/common';
import type { SimNext } from '../../common/types/sim-next.type';
import type { SimRequest } from '../../common/types/sim-request.type';
import type { SimResponse } from '../../common/types/sim-response.type';
import { isAdminPath } from '../../common/utils/is-admin-path.util';
import { SalesforceApiException } from '../exceptions/salesforce-api.exception';
import { SalesforceSessionService } from '../services/salesforce-session.service';
import { parseApiVersion } from '../utils/parse-api-version.util';

/**
 * REST calls under /services/data/vXX.X and the identity URL need a valid session
 * (`Authorization: Bearer <token>`, or the legacy `OAuth <token>`); else 401 INVALID_SESSION_ID.
 */
@Injectable()
export class SalesforceAuthMiddleware implements NestMiddleware<SimRequest, SimResponse> {
  constructor(private readonly session: SalesforceSessionService) {}

  use(req: SimRequest, _res: SimResponse, next: SimNext): void {
    const path = req.originalUrl.split('?', 1)[0];
    const versioned = path.startsWith('/services/data/v');
    if (isAdminPath(path) || (!versioned && !path.startsWith('/id/'))) {
      next();
      return;
    }
    if (versioned && parseApiVersion(path) === undefined) throw SalesforceApiException.notFound();
    const match = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match || !this.session.isValid(match[1])) {
      throw new SalesforceApiException(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    }
    next();
  }
}
