import { Body, Controller, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import type { SimRequest } from '../../common/types/sim-request.type';
import { SALESFORCE_SIM_OPTIONS } from '../constants/salesforce-sim-options.token';
import { SalesforceSessionService } from '../services/salesforce-session.service';
import type { SalesforceSimOptions } from '../types/salesforce-sim-options.type';
import type { SalesforceTokenResponse } from '../types/salesforce-token-response.type';

/** OAuth 2.0 token endpoint (client_credentials and password grants), as jsforce's OAuth2 calls it. */
@Controller('services/oauth2')
export class SalesforceOAuthController {
  constructor(
    private readonly session: SalesforceSessionService,
    @Inject(SALESFORCE_SIM_OPTIONS) private readonly options: SalesforceSimOptions,
  ) {}

  @Post('token')
  @HttpCode(200)
  token(
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Req() req: SimRequest,
  ): SalesforceTokenResponse {
    const params = { ...query, ...(typeof body === 'object' && body !== null ? body : {}) };
    const instanceUrl =
      this.options.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    return this.session.grant(params, instanceUrl.replace(/\/$/, ''));
  }
}
