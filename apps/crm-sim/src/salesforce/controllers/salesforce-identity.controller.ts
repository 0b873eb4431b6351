import { Controller, Get, Param, Req } from '@nestjs/common';
import type { SimRequest } from '../../common/types/sim-request.type';
import { SALESFORCE_DEFAULTS } from '../constants/salesforce-defaults.constant';
import { SalesforceApiException } from '../exceptions/salesforce-api.exception';
import { SalesforceSessionService } from '../services/salesforce-session.service';

/** The identity URL returned as `id` by the token endpoint (`conn.identity()`). */
@Controller('id')
export class SalesforceIdentityController {
  constructor(private readonly session: SalesforceSessionService) {}

  @Get(':orgId/:userId')
  identity(
    @Param('orgId') orgId: string,
    @Param('userId') userId: string,
    @Req() req: SimRequest,
  ): Record<string, unknown> {
    if (orgId !== this.session.orgId || userId !== this.session.userId)
      throw SalesforceApiException.notFound();
    const base = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const version = SALESFORCE_DEFAULTS.latestApiVersion;
    return {
      id: `${base}/id/${orgId}/${userId}`,
      user_id: userId,
      organization_id: orgId,
      username: SALESFORCE_DEFAULTS.username,
      display_name: 'Syncline Integration',
      email: SALESFORCE_DEFAULTS.username,
      active: true,
      user_type: 'STANDARD',
      urls: {
        rest: `${base}/services/data/v{version}/`,
        sobjects: `${base}/services/data/v{version}/sobjects/`,
        query: `${base}/services/data/v{version}/query/`,
        limits: `${base}/services/data/v${version}/limits/`,
      },
    };
  }
}
