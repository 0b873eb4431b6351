import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { SimAdminException } from '../../common/exceptions/sim-admin.exception';
import { HubSpotCrmUserService } from '../services/hubspot-crm-user.service';
import { HubSpotWebhookDispatcher } from '../services/hubspot-webhook.dispatcher';
import type { HubSpotPublicObject } from '../types/hubspot-public-object.type';
import type { HubSpotWebhookDelivery } from '../types/hubspot-webhook-delivery.type';
import type { HubSpotWebhookFaults } from '../types/hubspot-webhook-faults.type';

/** HubSpot-only admin calls: creates and edits as a CRM user, webhook deliveries and delivery faults. */
@Controller('__sim')
export class HubSpotAdminController {
  constructor(
    private readonly crmUser: HubSpotCrmUserService,
    private readonly dispatcher: HubSpotWebhookDispatcher,
  ) {}

  /** Body `{ properties: { name: value } }`; answers the new record (201). */
  @Post('records/:objectType')
  @HttpCode(201)
  create(@Param('objectType') objectType: string, @Body() body: unknown): HubSpotPublicObject {
    return this.crmUser.create(objectType, body);
  }

  @Patch('records/:objectType/:objectId')
  edit(
    @Param('objectType') objectType: string,
    @Param('objectId') objectId: string,
    @Body() body: unknown,
  ): HubSpotPublicObject {
    return this.crmUser.edit(objectType, objectId, body);
  }

  @Delete('records/:objectType/:objectId')
  @HttpCode(204)
  archive(@Param('objectType') objectType: string, @Param('objectId') objectId: string): void {
    this.crmUser.archive(objectType, objectId);
  }

  /** `?since=<seq>`: only later deliveries. `pending`: events not yet delivered or given up. */
  @Get('webhooks/deliveries')
  deliveries(@Query('since') since?: string): {
    total: number;
    pending: number;
    results: HubSpotWebhookDelivery[];
  } {
    const sinceSeq = since === undefined ? 0 : Number(since);
    if (!Number.isInteger(sinceSeq) || sinceSeq < 0) {
      throw new SimAdminException('since must be a delivery seq (non-negative integer)');
    }
    const results = this.dispatcher.list(sinceSeq);
    return { total: results.length, pending: this.dispatcher.pending(), results };
  }

  @Delete('webhooks/deliveries')
  @HttpCode(204)
  clearDeliveries(): void {
    this.dispatcher.clearDeliveries();
  }

  @Get('webhooks/faults')
  getFaults(): HubSpotWebhookFaults {
    return this.dispatcher.getFaults();
  }

  /** Body `{ duplicateRate?: 0..1, reorder?: boolean }`; each key given replaces that switch. */
  @Post('webhooks/faults')
  @HttpCode(200)
  setFaults(@Body() body: unknown): HubSpotWebhookFaults {
    return this.dispatcher.setFaults(body);
  }

  @Delete('webhooks/faults')
  @HttpCode(204)
  clearFaults(): void {
    this.dispatcher.setFaults({ duplicateRate: 0, reorder: false });
  }
}
