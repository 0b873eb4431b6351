import { Module } from '@nestjs/common';
import { RecordCacheRepository } from '@syncline/cache';
import { DebeziumDecoder } from '@syncline/cdc';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import { TOPICS } from '@syncline/events';
import { DurableKafkaProducer } from '@syncline/kafka';
import { HealthService, MetricsRegistry, OpsHttpServer } from '@syncline/observability';
import { EntityRegistry } from '@syncline/records';
import { RuntimeModule } from '@syncline/runtime';
import { SourceRecordRepository } from '@syncline/source';
import { ApplyChangesUseCase } from './apply-changes/apply-changes.usecase';
import { CdcConsumer } from './cdc.consumer';
import { OpsLifecycleService } from './services/ops-lifecycle.service';
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
      inject: [EntityRegistry, SYNCLINE_CONFIG],
      useFactory: (entities: EntityRegistry, config: SynclineConfig) =>
        new DebeziumDecoder(entities, config.syncWorker.maxEventBytes),
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
