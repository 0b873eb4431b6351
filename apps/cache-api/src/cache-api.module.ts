import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { RecordCacheRepository } from '@syncline/cache';
import { MetricsRegistry } from '@syncline/observability';
import { EntityRegistry } from '@syncline/records';
import { RuntimeModule } from '@syncline/runtime';
import { SourceRecordRepository } from '@syncline/source';
import { TenantApiKeyGuard } from './auth/tenant-api-key.guard';
import { SynclineExceptionFilter } from './errors/syncline-exception.filter';
import { OpsController } from './ops/ops.controller';
import { RecordsController } from './records/records.controller';
import { ReadRecordsUseCase } from './records/usecases/read-records.usecase';
import { WriteRecordUseCase } from './records/usecases/write-record.usecase';
import { CacheApiMetrics } from './services/cache-api.metrics';
import { RequestMetricsInterceptor } from './services/request-metrics.interceptor';

export const CACHE_API_APP = 'cache-api';

@Module({
  imports: [RuntimeModule.forApp({ app: CACHE_API_APP, postgresPoolSize: 20 })],
  controllers: [RecordsController, OpsController],
  providers: [
    {
      provide: CacheApiMetrics,
      inject: [MetricsRegistry],
      useFactory: (metrics: MetricsRegistry) => new CacheApiMetrics(metrics),
    },
    {
      provide: ReadRecordsUseCase,
      inject: [RecordCacheRepository, SourceRecordRepository, CacheApiMetrics],
      useFactory: (
        cache: RecordCacheRepository,
        source: SourceRecordRepository,
        metrics: CacheApiMetrics,
      ) => new ReadRecordsUseCase(cache, source, metrics),
    },
    {
      provide: WriteRecordUseCase,
      inject: [EntityRegistry, SourceRecordRepository, RecordCacheRepository, CacheApiMetrics],
      useFactory: (
        entities: EntityRegistry,
        source: SourceRecordRepository,
        cache: RecordCacheRepository,
        metrics: CacheApiMetrics,
      ) => new WriteRecordUseCase(entities, source, cache, metrics),
    },
    TenantApiKeyGuard,
    { provide: APP_FILTER, useClass: SynclineExceptionFilter },
    { provide: APP_INTERCEPTOR, useClass: RequestMetricsInterceptor },
  ],
})
export class CacheApiModule {}
