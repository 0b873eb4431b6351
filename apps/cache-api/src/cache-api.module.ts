import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { RecordCacheRepository, RedisClient } from '@syncline/cache';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import {
  ControlPlaneModule,
  CredentialCipher,
  DestinationRepository,
  MappingRepository,
} from '@syncline/control-plane';
import { createKafka, DurableKafkaProducer } from '@syncline/kafka';
import {
  NotificationChannelRepository,
  NotificationOutboxRepository,
} from '@syncline/notifications';
import { MetricsRegistry } from '@syncline/observability';
import { CollectionRegistry } from '@syncline/records';
import { REDIS_CLIENT, RuntimeModule } from '@syncline/runtime';
import { SourceRecordRepository } from '@syncline/source';
import { DataSource } from 'typeorm';
import { AdminController } from './admin/admin.controller';
import { NotificationsController } from './admin/notifications.controller';
import { CredentialsUpgradeService } from './admin/services/credentials-upgrade.service';
import { DeleteDestinationUseCase } from './admin/usecases/delete-destination.usecase';
import { ReplayDeadLettersUseCase } from './admin/usecases/replay-dead-letters.usecase';
import { AdminApiKeyGuard } from './auth/admin-api-key.guard';
import { TenantApiKeyGuard } from './auth/tenant-api-key.guard';
import { SynclineExceptionFilter } from './errors/syncline-exception.filter';
import { OpsController } from './ops/ops.controller';
import { RecordsController } from './records/records.controller';
import { RecordReadsConnection } from './records/services/record-reads.connection';
import { RecordRoutes } from './records/services/record-routes.service';
import { SingleTenantRecordsController } from './records/single-tenant-records.controller';
import { ReadRecordsUseCase } from './records/usecases/read-records.usecase';
import { RecordWriter } from '@syncline/record-writes';
import { WriteRecordUseCase } from './records/usecases/write-record.usecase';
import { CacheApiMetrics } from './services/cache-api.metrics';
import { RequestMetricsHook } from './services/request-metrics.hook';
import { AcceptWebhookUseCase } from './webhooks/usecases/accept-webhook.usecase';
import { WebhooksController } from './webhooks/webhooks.controller';

export const CACHE_API_APP = 'cache-api';

@Module({
  imports: [
    RuntimeModule.forApp({ app: CACHE_API_APP, postgresPoolSize: 20 }),
    ControlPlaneModule.forApp(CACHE_API_APP),
  ],
  controllers: [
    RecordsController,
    SingleTenantRecordsController,
    AdminController,
    NotificationsController,
    OpsController,
    WebhooksController,
  ],
  providers: [
    {
      provide: CacheApiMetrics,
      inject: [MetricsRegistry],
      useFactory: (metrics: MetricsRegistry) => new CacheApiMetrics(metrics),
    },
    {
      provide: RecordReadsConnection,
      inject: [REDIS_CLIENT, RecordCacheRepository],
      // The cache's own key builder: one place makes keys.
      useFactory: (redis: RedisClient, cache: RecordCacheRepository) =>
        new RecordReadsConnection(redis, cache.keys, `${CACHE_API_APP}-reads`),
    },
    {
      provide: ReadRecordsUseCase,
      inject: [
        RecordReadsConnection,
        RecordCacheRepository,
        SourceRecordRepository,
        CacheApiMetrics,
      ],
      useFactory: (
        reads: RecordReadsConnection,
        cache: RecordCacheRepository,
        source: SourceRecordRepository,
        metrics: CacheApiMetrics,
      ) => new ReadRecordsUseCase(reads.cache, cache, source, metrics),
    },
    {
      provide: WriteRecordUseCase,
      inject: [RecordWriter, CacheApiMetrics],
      useFactory: (writer: RecordWriter, metrics: CacheApiMetrics) =>
        new WriteRecordUseCase(writer, metrics),
    },
    {
      provide: RecordRoutes,
      inject: [CollectionRegistry, ReadRecordsUseCase, WriteRecordUseCase],
      useFactory: (
        collections: CollectionRegistry,
        reads: ReadRecordsUseCase,
        writes: WriteRecordUseCase,
      ) => new RecordRoutes(collections, reads, writes),
    },
    {
      provide: DurableKafkaProducer,
      inject: [SYNCLINE_CONFIG],
      useFactory: (config: SynclineConfig) =>
        new DurableKafkaProducer(config.kafka.brokers, CACHE_API_APP),
    },
    {
      provide: AcceptWebhookUseCase,
      inject: [
        DestinationRepository,
        MappingRepository,
        DurableKafkaProducer,
        CacheApiMetrics,
        SYNCLINE_CONFIG,
      ],
      useFactory: (
        destinations: DestinationRepository,
        mappings: MappingRepository,
        producer: DurableKafkaProducer,
        metrics: CacheApiMetrics,
        config: SynclineConfig,
      ) =>
        new AcceptWebhookUseCase(destinations, mappings, producer, metrics, {
          topicPrefix: config.kafka.topicPrefix,
          hintPartitions: config.delivery.topicPartitions,
        }),
    },
    {
      provide: ReplayDeadLettersUseCase,
      inject: [SYNCLINE_CONFIG, DurableKafkaProducer],
      useFactory: (config: SynclineConfig, producer: DurableKafkaProducer) =>
        new ReplayDeadLettersUseCase(
          createKafka(config.kafka.brokers, `${CACHE_API_APP}-replay`),
          producer,
          config.kafka.topicPrefix,
        ),
    },
    {
      provide: DeleteDestinationUseCase,
      inject: [SYNCLINE_CONFIG, DestinationRepository],
      useFactory: (config: SynclineConfig, destinations: DestinationRepository) =>
        new DeleteDestinationUseCase(
          destinations,
          createKafka(config.kafka.brokers, `${CACHE_API_APP}-admin`),
          config.kafka.topicPrefix,
        ),
    },
    {
      provide: NotificationChannelRepository,
      inject: [DataSource, CredentialCipher, SYNCLINE_CONFIG],
      useFactory: (dataSource: DataSource, cipher: CredentialCipher, config: SynclineConfig) =>
        new NotificationChannelRepository(
          dataSource,
          cipher,
          config.notifications.smtpUrl.reveal() !== '',
        ),
    },
    {
      provide: NotificationOutboxRepository,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new NotificationOutboxRepository(dataSource),
    },
    CredentialsUpgradeService,
    TenantApiKeyGuard,
    AdminApiKeyGuard,
    { provide: APP_FILTER, useClass: SynclineExceptionFilter },
    RequestMetricsHook,
  ],
})
export class CacheApiModule {}
