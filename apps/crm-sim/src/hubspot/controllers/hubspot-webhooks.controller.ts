import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Res,
} from '@nestjs/common';
import type { SimResponse } from '../../common/types/sim-response.type';
import { HubSpotApiException } from '../exceptions/hubspot-api.exception';
import { HubSpotWebhookPublisher } from '../services/hubspot-webhook.publisher';
import { HubSpotWebhookRegistry } from '../services/hubspot-webhook.registry';
import type { HubSpotBatchError } from '../types/hubspot-batch-error.type';
import type { HubSpotWebhookSettings } from '../types/hubspot-webhook-settings.type';
import type { HubSpotWebhookSubscription } from '../types/hubspot-webhook-subscription.type';

/** Webhooks API v3 (app level, developer API key): settings and event subscriptions. */
@Controller('webhooks/v3/:appId')
export class HubSpotWebhooksController {
  constructor(
    private readonly registry: HubSpotWebhookRegistry,
    private readonly publisher: HubSpotWebhookPublisher,
  ) {}

  @Get('settings')
  getSettings(@Param('appId') appId: string): HubSpotWebhookSettings {
    return this.registry.requireSettings(this.app(appId));
  }

  @Put('settings')
  putSettings(@Param('appId') appId: string, @Body() body: unknown): HubSpotWebhookSettings {
    this.app(appId);
    return this.registry.putSettings(body);
  }

  @Delete('settings')
  @HttpCode(204)
  deleteSettings(@Param('appId') appId: string): void {
    this.app(appId);
    this.registry.deleteSettings();
  }

  @Get('subscriptions')
  list(@Param('appId') appId: string): { results: HubSpotWebhookSubscription[] } {
    this.app(appId);
    return { results: this.registry.list() };
  }

  @Post('subscriptions')
  create(@Param('appId') appId: string, @Body() body: unknown): HubSpotWebhookSubscription {
    this.app(appId);
    return this.registry.create(body);
  }

  /** `{ inputs: [{ id, active }] }`; unknown ids make it a 207 with errors. */
  @Post('subscriptions/batch/update')
  @HttpCode(200)
  batchUpdate(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): Record<string, unknown> {
    this.app(appId);
    const startedAt = new Date().toISOString();
    const inputs = (body as { inputs?: unknown } | null)?.inputs;
    if (!Array.isArray(inputs) || inputs.length === 0) {
      throw new HubSpotApiException(400, 'VALIDATION_ERROR', 'inputs must be a non-empty array', {
        context: { field: ['inputs'] },
      });
    }
    const results: HubSpotWebhookSubscription[] = [];
    const errors: HubSpotBatchError[] = [];
    for (const input of inputs as { id?: unknown; active?: unknown }[]) {
      try {
        results.push(this.registry.setActive(String(input?.id), input?.active));
      } catch (error) {
        if (!(error instanceof HubSpotApiException)) throw error;
        errors.push({
          status: 'error',
          category: error.category,
          message: error.message,
          context: { id: [String(input?.id)] },
          errors: [],
          links: {},
        });
      }
    }
    if (errors.length > 0) res.status(207);
    const completedAt = new Date().toISOString();
    return errors.length > 0
      ? { status: 'COMPLETE', results, numErrors: errors.length, errors, startedAt, completedAt }
      : { status: 'COMPLETE', results, startedAt, completedAt };
  }

  @Get('subscriptions/:subscriptionId')
  get(
    @Param('appId') appId: string,
    @Param('subscriptionId') id: string,
  ): HubSpotWebhookSubscription {
    this.app(appId);
    return this.registry.get(id);
  }

  @Patch('subscriptions/:subscriptionId')
  patch(
    @Param('appId') appId: string,
    @Param('subscriptionId') id: string,
    @Body() body: unknown,
  ): HubSpotWebhookSubscription {
    this.app(appId);
    return this.registry.setActive(id, (body as { active?: unknown } | null)?.active);
  }

  @Delete('subscriptions/:subscriptionId')
  @HttpCode(204)
  remove(@Param('appId') appId: string, @Param('subscriptionId') id: string): void {
    this.app(appId);
    this.registry.remove(id);
  }

  /** The sim serves one app; any other id is unknown. */
  private app(appId: string): number {
    if (Number(appId) !== this.publisher.appId) {
      throw new HubSpotApiException(404, 'OBJECT_NOT_FOUND', `App ${appId} not found`, {
        context: { appId: [appId] },
      });
    }
    return this.publisher.appId;
  }
}
