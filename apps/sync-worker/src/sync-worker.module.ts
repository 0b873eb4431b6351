import { Module } from '@nestjs/common';
import { createRedisClient, CacheKeyBuilder, RecordCacheRepository } from '@syncline/cache';
import { DebeziumDecoder } from '@syncline/cdc';
import { getConfig, SYNCLINE_CONFIG, SynclineConfig, SynclineConfigModule } from '@syncline/config';
import { TOPICS } from '@syncline/events';
import { DurableKafkaProducer } from '@syncline/kafka';
import {
  HealthService,
  loggerModuleFor,
  MetricsRegistry,
  OpsHttpServer,
} from '@syncline/observability';
import { EntityRegistry } from '@syncline/records';
import { createSourcePool, SourceRecordRepository } from '@syncline/source';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { ApplyChangesUseCase } from './apply-changes/apply-changes.usecase';
import { CdcConsumer } from './cdc.consumer';
import { REDIS_CLIENT, SOURCE_POOL } from './constants/sync-worker.tokens';
import { OpsLifecycleService } from './services/ops-lifecycle.service';
import { SyncWorkerMetrics } from './services/sync-worker.metrics';

export const SYNC_WORKER_APP = 'sync-worker';

@Module({
  imports: [SynclineConfigModule, loggerModuleFor(SYNC_WORKER_APP, getConfig().log.level)],
  controllers: [CdcConsumer],
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [SYNCLINE_CONFIG],
      useFactory: (c: SynclineConfig) => createRedisClient(c.redis, SYNC_WORKER_APP),
    },
    {
      provide: SOURCE_POOL,
      inject: [SYNCLINE_CONFIG],
      useFactory: (c: SynclineConfig) => createSourcePool(c.postgres, 4, SYNC_WORKER_APP),
    },
    { provide: EntityRegistry, useFactory: () => new EntityRegistry() },
    { provide: MetricsRegistry, useFactory: () => new MetricsRegistry(SYNC_WORKER_APP) },
    HealthService,
    {
      provide: OpsHttpServer,
      inject: [MetricsRegistry, HealthService],
      useFactory: (m: MetricsRegistry, h: HealthService) => new OpsHttpServer(m, h),
    },
    {
      provide: SyncWorkerMetrics,
      inject: [MetricsRegistry],
      useFactory: (m: MetricsRegistry) => new SyncWorkerMetrics(m),
    },
    {
      provide: DebeziumDecoder,
      inject: [EntityRegistry, SYNCLINE_CONFIG],
      useFactory: (e: EntityRegistry, c: SynclineConfig) =>
        new DebeziumDecoder(e, c.syncWorker.maxEventBytes),
    },
    {
      provide: RecordCacheRepository,
      inject: [REDIS_CLIENT, SYNCLINE_CONFIG],
      useFactory: (r: Redis, c: SynclineConfig) =>
        new RecordCacheRepository(
          r,
          new CacheKeyBuilder(c.cache.namespace),
          c.cache.tombstoneTtlMs,
        ),
    },
    {
      provide: SourceRecordRepository,
      inject: [SOURCE_POOL, EntityRegistry],
      useFactory: (p: Pool, e: EntityRegistry) => new SourceRecordRepository(p, e),
    },
    {
      provide: DurableKafkaProducer,
      inject: [SYNCLINE_CONFIG],
      useFactory: (c: SynclineConfig) =>
        new DurableKafkaProducer(c.kafka.brokers, SYNC_WORKER_APP, [
          {
            topic: TOPICS.recordChanged(c.kafka.topicPrefix),
            numPartitions: c.syncWorker.noticePartitions,
          },
          { topic: TOPICS.cdcDeadLetters(c.kafka.topicPrefix), numPartitions: 1 },
        ]),
    },
    {
      provide: ApplyChangesUseCase,
      inject: [
        DebeziumDecoder,
        EntityRegistry,
        RecordCacheRepository,
        SourceRecordRepository,
        DurableKafkaProducer,
        SYNCLINE_CONFIG,
        SyncWorkerMetrics,
      ],
      useFactory: (
        decoder: DebeziumDecoder,
        entities: EntityRegistry,
        cache: RecordCacheRepository,
        source: SourceRecordRepository,
        producer: DurableKafkaProducer,
        config: SynclineConfig,
        metrics: SyncWorkerMetrics,
      ) =>
        new ApplyChangesUseCase(
          decoder,
          entities,
          cache,
          source,
          producer,
          {
            recordChanged: TOPICS.recordChanged(config.kafka.topicPrefix),
            deadLetters: TOPICS.cdcDeadLetters(config.kafka.topicPrefix),
          },
          metrics,
        ),
    },
    OpsLifecycleService,
  ],
})
export class SyncWorkerModule {}
