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
import { SALESFORCE_SIM_OPTIONS } from './constants/salesforce-sim-options.token';
import { SalesforceAdminController } from './controllers/salesforce-admin.controller';
import { SalesforceCompositeController } from './controllers/salesforce-composite.controller';
import { SalesforceIdentityController } from './controllers/salesforce-identity.controller';
import { SalesforceLimitsController } from './controllers/salesforce-limits.controller';
import { SalesforceOAuthController } from './controllers/salesforce-oauth.controller';
import { SalesforceQueryController } from './controllers/salesforce-query.controller';
import { SalesforceSObjectsController } from './controllers/salesforce-sobjects.controller';
import { SalesforceVersionsController } from './controllers/salesforce-versions.controller';
import { SalesforceExceptionFilter } from './filters/salesforce-exception.filter';
import { SalesforceApiLimitsMiddleware } from './middleware/salesforce-api-limits.middleware';
import { SalesforceAuthMiddleware } from './middleware/salesforce-auth.middleware';
import { SalesforceApiUsageService } from './services/salesforce-api-usage.service';
import { SalesforceCrmUserService } from './services/salesforce-crm-user.service';
import { SalesforceDmlService } from './services/salesforce-dml.service';
import { SalesforceErrorResponder } from './services/salesforce-error.responder';
import { SalesforceGetDeletedService } from './services/salesforce-get-deleted.service';
import { SalesforceQueryService } from './services/salesforce-query.service';
import { SalesforceReadService } from './services/salesforce-read.service';
import { SalesforceRecordStore } from './services/salesforce-record.store';
import { SalesforceRecordWriter } from './services/salesforce-record.writer';
import { SalesforceSchemaRegistry } from './services/salesforce-schema.registry';
import { SalesforceSessionService } from './services/salesforce-session.service';
import { SalesforceSimState } from './services/salesforce-sim.state';
import type { SalesforceSimOptions } from './types/salesforce-sim-options.type';

/** One Salesforce org in memory behind the REST API, plus the shared `/__sim` admin API. */
@Module({})
export class SalesforceSimModule {
  static register(options: SalesforceSimOptions): DynamicModule {
    return {
      module: SalesforceSimModule,
      controllers: [
        SalesforceOAuthController,
        SalesforceIdentityController,
        SalesforceVersionsController,
        SalesforceLimitsController,
        SalesforceQueryController,
        SalesforceCompositeController,
        SalesforceSObjectsController,
        SalesforceAdminController,
        SimAdminController,
        SimMetricsController,
      ],
      providers: [
        { provide: SALESFORCE_SIM_OPTIONS, useValue: options },
        { provide: SIM_LISTEN_OPTIONS, useValue: options },
        { provide: SIM_NAME, useValue: 'salesforce' },
        { provide: SIM_BACKEND, useExisting: SalesforceSimState },
        { provide: SIM_ERROR_RESPONDER, useExisting: SalesforceErrorResponder },
        { provide: APP_FILTER, useClass: SalesforceExceptionFilter },
        SimCallLogService,
        SimFaultService,
        SimMetricsService,
        SimCallLogMiddleware,
        SimFaultMiddleware,
        SimLatencyMiddleware,
        SalesforceAuthMiddleware,
        SalesforceApiLimitsMiddleware,
        SalesforceSchemaRegistry,
        SalesforceRecordStore,
        SalesforceSessionService,
        SalesforceApiUsageService,
        SalesforceRecordWriter,
        SalesforceDmlService,
        SalesforceReadService,
        SalesforceQueryService,
        SalesforceGetDeletedService,
        SalesforceCrmUserService,
        SalesforceErrorResponder,
        SalesforceSimState,
      ],
    };
  }
}
