import { Module } from '@nestjs/common';
import { RecordCacheRepository } from '@syncline/cache';
import { DebeziumDecoder } from '@syncline/cdc';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import { TOPICS } from '@syncline/events';
import { DurableKafkaProducer } from '@syncline/kafka';
import { HealthService, MetricsRegistry, OpsHttpServer } from '@syncline/observability';
import { CollectionRegistry } from '@syncline/records';
import { RuntimeModule, SOURCE_POOL } from '@syncline/runtime';
import { Pool } from 'pg';
import { ApplyChangesUseCase } from './apply-changes/apply-changes.usecase';
import { DriftAwareDecoder } from './apply-changes/drift-aware-decoder';
import { MissingValueFiller } from './apply-changes/fill-missing-values';
import { CdcConsumer } from './cdc.consumer';
import { CollectionRefresher } from './services/collection-refresher';
import { OpsLifecycleService } from './services/ops-lifecycle.service';
import { PipelineHealthService } from './services/pipeline-health.service';
import { SourceRowReader } from './services/source-row.reader';
import { SyncWorkerMetrics } from './services/sync-worker.metrics';

export const SYNC_WORKER_APP = 'sync-worker';

@Module({
  imports: [RuntimeModule.forApp({ app: SYNC_WORKER_APP, postgresPoolSize: 4 })],
  controllers: [CdcConsumer],
  providers: [
    {
      provide: OpsHttpServer,
      inject: [MetricsRegistry, HealthService],
      useFactory: (metrics: MetricsRegistry, health: HealthService) =>
        new OpsHttpServer(metrics, health),
    },
    {
      provide: SyncWorkerMetrics,
      inject: [MetricsRegistry],
      useFactory: (metrics: MetricsRegistry) => new SyncWorkerMetrics(metrics),
    },
    {
      provide: DebeziumDecoder,
      inject: [CollectionRegistry, SYNCLINE_CONFIG],
      useFactory: (collections: CollectionRegistry, config: SynclineConfig) =>
        new DebeziumDecoder(collections, config.syncWorker.maxEventBytes),
    },
    {
      provide: MissingValueFiller,
      inject: [RecordCacheRepository, SOURCE_POOL, CollectionRegistry, SyncWorkerMetrics],
      useFactory: (
        cache: RecordCacheRepository,
        pool: Pool,
        collections: CollectionRegistry,
        metrics: SyncWorkerMetrics,
      ) => new MissingValueFiller(cache, new SourceRowReader(pool, collections), metrics),
    },
    {
      provide: DriftAwareDecoder,
      inject: [DebeziumDecoder, CollectionRegistry, MissingValueFiller, SyncWorkerMetrics],
      useFactory: (
        decoder: DebeziumDecoder,
        collections: CollectionRegistry,
        filler: MissingValueFiller,
        metrics: SyncWorkerMetrics,
      ) =>
        new DriftAwareDecoder(
          decoder,
          collections,
          new CollectionRefresher(collections, (outcome) => metrics.schemaReloads.inc({ outcome })),
          filler,
        ),
    },
    {
      provide: DurableKafkaProducer,
      inject: [SYNCLINE_CONFIG],
      useFactory: (config: SynclineConfig) =>
        new DurableKafkaProducer(config.kafka.brokers, SYNC_WORKER_APP, [
          {
            topic: TOPICS.recordChanged(config.kafka.topicPrefix),
            numPartitions: config.syncWorker.noticePartitions,
          },
          { topic: TOPICS.cdcDeadLetters(config.kafka.topicPrefix), numPartitions: 1 },
        ]),
    },
    {
      provide: ApplyChangesUseCase,
      inject: [
        DriftAwareDecoder,
        MissingValueFiller,
        RecordCacheRepository,
        DurableKafkaProducer,
        SYNCLINE_CONFIG,
        SyncWorkerMetrics,
      ],
      useFactory: (
        decoder: DriftAwareDecoder,
        filler: MissingValueFiller,
        cache: RecordCacheRepository,
        producer: DurableKafkaProducer,
        config: SynclineConfig,
        metrics: SyncWorkerMetrics,
      ) =>
        new ApplyChangesUseCase(
          decoder,
          filler,
          cache,
          producer,
          {
            recordChanged: TOPICS.recordChanged(config.kafka.topicPrefix),
            deadLetters: TOPICS.cdcDeadLetters(config.kafka.topicPrefix),
          },
          metrics,
        ),
    },
    OpsLifecycleService,
    PipelineHealthService,
  ],
})
export class SyncWorkerModule {}
