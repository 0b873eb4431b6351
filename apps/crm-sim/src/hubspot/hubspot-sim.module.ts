import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { SIM_BACKEND } from '../common/constants/sim-backend.token';
import { SIM_ERROR_RESPONDER } from '../common/constants/sim-error-responder.token';
import { SIM_LISTEN_OPTIONS } from '../common/constants/sim-listen-options.token';
import { SIM_NAME } from '../common/constants/sim-name.token';
import { SimAdminController } from '../common/controllers/sim-admin.controller';
import { SimMetricsController } from '../common/controllers/sim-metrics.controller';
import { SimCallLogMiddleware } from '../common/middleware/sim-call-log.middleware';
import { SimFaultMiddleware } from '../common/middleware/sim-fault.middleware';
import { SimLatencyMiddleware } from '../common/middleware/sim-latency.middleware';
import { SimCallLogService } from '../common/services/sim-call-log.service';
import { SimFaultService } from '../common/services/sim-fault.service';
import { SimMetricsService } from '../common/services/sim-metrics.service';
import { HUBSPOT_SIM_OPTIONS } from './constants/hubspot-sim-options.token';
import { HubSpotAdminController } from './controllers/hubspot-admin.controller';
import { HubSpotObjectsController } from './controllers/hubspot-objects.controller';
import { HubSpotPropertiesController } from './controllers/hubspot-properties.controller';
import { HubSpotWebhooksController } from './controllers/hubspot-webhooks.controller';
import { HubSpotExceptionFilter } from './filters/hubspot-exception.filter';
import { HubSpotAuthMiddleware } from './middleware/hubspot-auth.middleware';
import { HubSpotRateLimitMiddleware } from './middleware/hubspot-rate-limit.middleware';
import { HubSpotBatchService } from './services/hubspot-batch.service';
import { HubSpotCrmUserService } from './services/hubspot-crm-user.service';
import { HubSpotErrorResponder } from './services/hubspot-error.responder';
import { HubSpotObjectService } from './services/hubspot-object.service';
import { HubSpotObjectStore } from './services/hubspot-object.store';
import { HubSpotPropertyRegistry } from './services/hubspot-property.registry';
import { HubSpotRateLimiter } from './services/hubspot-rate-limiter.service';
import { HubSpotRecordWriter } from './services/hubspot-record.writer';
import { HubSpotSearchService } from './services/hubspot-search.service';
import { HubSpotSimState } from './services/hubspot-sim.state';
import { HubSpotWebhookDispatcher } from './services/hubspot-webhook.dispatcher';
import { HubSpotWebhookPublisher } from './services/hubspot-webhook.publisher';
import { HubSpotWebhookRegistry } from './services/hubspot-webhook.registry';
import type { HubSpotSimOptions } from './types/hubspot-sim-options.type';

/**
 * One HubSpot portal in memory behind the CRM v3 API, one developer app's webhooks (v3) into
 * it, plus the shared `/__sim` admin API.
 */
@Module({})
export class HubSpotSimModule {
  static register(options: HubSpotSimOptions): DynamicModule {
    return {
      module: HubSpotSimModule,
      controllers: [
        HubSpotObjectsController,
        HubSpotPropertiesController,
        HubSpotWebhooksController,
        HubSpotAdminController,
        SimAdminController,
        SimMetricsController,
      ],
      providers: [
        { provide: HUBSPOT_SIM_OPTIONS, useValue: options },
        { provide: SIM_LISTEN_OPTIONS, useValue: options },
        { provide: SIM_NAME, useValue: 'hubspot' },
        { provide: SIM_BACKEND, useExisting: HubSpotSimState },
        { provide: SIM_ERROR_RESPONDER, useExisting: HubSpotErrorResponder },
        { provide: APP_FILTER, useClass: HubSpotExceptionFilter },
        SimCallLogService,
        SimFaultService,
        SimMetricsService,
        SimCallLogMiddleware,
        SimFaultMiddleware,
        SimLatencyMiddleware,
        HubSpotAuthMiddleware,
        HubSpotRateLimitMiddleware,
        HubSpotObjectStore,
        HubSpotPropertyRegistry,
        HubSpotRateLimiter,
        HubSpotWebhookRegistry,
        HubSpotWebhookDispatcher,
        HubSpotWebhookPublisher,
        HubSpotRecordWriter,
        HubSpotCrmUserService,
        HubSpotBatchService,
        HubSpotObjectService,
        HubSpotSearchService,
        HubSpotErrorResponder,
        HubSpotSimState,
      ],
    };
  }
}
