import { Module } from '@nestjs/common';
import {
  CacheKeyBuilder,
  RecordCacheRepository,
  RedisClient,
  SharedRateLimiter,
} from '@syncline/cache';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import {
  ControlPlaneModule,
  ControlPlaneSnapshot,
  CredentialCipher,
  DeliveryLogRepository,
  InboundCursorRepository,
  InboundHintRetryRepository,
  InboundLogRepository,
  RemoteRecordRepository,
  DestinationRepository,
  MappingRepository,
} from '@syncline/control-plane';
import { DurableKafkaProducer } from '@syncline/kafka';
import {
  DigestComposer,
  EmailSender,
  NotificationChannelRepository,
  NotificationDispatcher,
  NotificationEventRecorder,
  NotificationOutboxRepository,
  NotificationsMetrics,
  WebhookSender,
} from '@syncline/notifications';
import { HealthService, MetricsRegistry, OpsHttpServer } from '@syncline/observability';
import { RecordWriter } from '@syncline/record-writes';
import { CollectionRegistry } from '@syncline/records';
import { SourceRecordRepository } from '@syncline/source';
import { REDIS_CLIENT, RuntimeModule, SOURCE_POOL } from '@syncline/runtime';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { ConnectorPool } from './deliver/connector-pool.service';
import { DeliverRecordsUseCase } from './deliver/deliver-records.usecase';
import { DestinationSender } from './deliver/destination-sender.service';
import { SourceStateReader } from './deliver/source-state.reader';
import { TroubleReporter } from './notify/trouble-reporter.service';
import { NoticesConsumer } from './route/notices.consumer';
import { RouteNoticesUseCase } from './route/route-notices.usecase';
import { DeliveryLagService } from './services/delivery-lag.service';
import { ApplyInboundUseCase } from './inbound/apply-inbound.usecase';
import { InboundPoller } from './inbound/inbound-poller.service';
import { ApplyInboundHintsUseCase } from './inbound/apply-inbound-hints.usecase';
import { InboundHintRetrier } from './inbound/inbound-hint-retrier.service';
import { InboundHintsConsumer } from './inbound/inbound-hints.consumer';
import { DeliveryLifecycleService } from './services/delivery-lifecycle.service';
import { DeliveryWorkerMetrics } from './services/delivery-worker.metrics';

export const DELIVERY_WORKER_APP = 'delivery-worker';

@Module({
  imports: [
    RuntimeModule.forApp({ app: DELIVERY_WORKER_APP, postgresPoolSize: 4 }),
    ControlPlaneModule.forApp(DELIVERY_WORKER_APP),
  ],
  controllers: [NoticesConsumer, InboundHintsConsumer],
  providers: [
    {
      provide: OpsHttpServer,
      inject: [MetricsRegistry, HealthService],
      useFactory: (m: MetricsRegistry, h: HealthService) => new OpsHttpServer(m, h),
    },
    {
      provide: DeliveryWorkerMetrics,
      inject: [MetricsRegistry],
      useFactory: (m: MetricsRegistry) => new DeliveryWorkerMetrics(m),
    },
    {
      provide: NotificationsMetrics,
      inject: [MetricsRegistry],
      useFactory: (m: MetricsRegistry) => new NotificationsMetrics(m),
    },
    {
      provide: TroubleReporter,
      inject: [DataSource, NotificationsMetrics, SYNCLINE_CONFIG],
      useFactory: (dataSource: DataSource, m: NotificationsMetrics, c: SynclineConfig) =>
        new TroubleReporter(new NotificationEventRecorder(dataSource, m), {
          heldThresholdMs: c.notifications.heldThresholdMs,
          apiUrl: c.notifications.apiUrl,
        }),
    },
    {
      provide: NotificationDispatcher,
      inject: [DataSource, CredentialCipher, NotificationsMetrics, SYNCLINE_CONFIG],
      useFactory: (
        dataSource: DataSource,
        cipher: CredentialCipher,
        m: NotificationsMetrics,
        c: SynclineConfig,
      ) => {
        const n = c.notifications;
        return new NotificationDispatcher(
          new DigestComposer(dataSource),
          new NotificationOutboxRepository(dataSource),
          new NotificationChannelRepository(dataSource, cipher),
          new WebhookSender(n.sendTimeoutMs),
          new EmailSender(n.smtpUrl, n.emailFrom, n.sendTimeoutMs),
          m,
          { digestWindowMs: n.digestWindowMs, pollMs: n.pollMs, sendTimeoutMs: n.sendTimeoutMs },
        );
      },
    },
    {
      provide: ControlPlaneSnapshot,
      inject: [DestinationRepository, MappingRepository, SYNCLINE_CONFIG],
      useFactory: (d: DestinationRepository, m: MappingRepository, c: SynclineConfig) =>
        new ControlPlaneSnapshot(d, m, c.delivery.controlRefreshMs),
    },
    {
      provide: DurableKafkaProducer,
      inject: [SYNCLINE_CONFIG],
      useFactory: (c: SynclineConfig) =>
        new DurableKafkaProducer(c.kafka.brokers, DELIVERY_WORKER_APP),
    },
    {
      provide: SharedRateLimiter,
      inject: [REDIS_CLIENT, SYNCLINE_CONFIG],
      useFactory: (redis: RedisClient, c: SynclineConfig) =>
        new SharedRateLimiter(redis, new CacheKeyBuilder(c.cache.namespace)),
    },
    {
      provide: ConnectorPool,
      inject: [DestinationRepository, SharedRateLimiter, DeliveryWorkerMetrics, SYNCLINE_CONFIG],
      useFactory: (
        d: DestinationRepository,
        l: SharedRateLimiter,
        m: DeliveryWorkerMetrics,
        c: SynclineConfig,
      ) => new ConnectorPool(d, l, m, new CacheKeyBuilder(c.cache.namespace)),
    },
    {
      provide: RouteNoticesUseCase,
      inject: [ControlPlaneSnapshot, DurableKafkaProducer, SYNCLINE_CONFIG, DeliveryWorkerMetrics],
      useFactory: (
        s: ControlPlaneSnapshot,
        p: DurableKafkaProducer,
        c: SynclineConfig,
        m: DeliveryWorkerMetrics,
      ) => new RouteNoticesUseCase(s, p, c.kafka.topicPrefix, c.delivery.topicPartitions, m),
    },
    {
      provide: SourceStateReader,
      inject: [SOURCE_POOL, CollectionRegistry],
      useFactory: (pool: Pool, collections: CollectionRegistry) =>
        new SourceStateReader(pool, collections),
    },
    {
      provide: DeliverRecordsUseCase,
      inject: [
        ControlPlaneSnapshot,
        RecordCacheRepository,
        CollectionRegistry,
        SourceStateReader,
        DeliveryLogRepository,
        RemoteRecordRepository,
        ConnectorPool,
        SharedRateLimiter,
        DurableKafkaProducer,
        SYNCLINE_CONFIG,
        DeliveryWorkerMetrics,
        TroubleReporter,
      ],
      useFactory: (
        snapshot: ControlPlaneSnapshot,
        cache: RecordCacheRepository,
        collections: CollectionRegistry,
        source: SourceStateReader,
        log: DeliveryLogRepository,
        remote: RemoteRecordRepository,
        connectors: ConnectorPool,
        limiter: SharedRateLimiter,
        producer: DurableKafkaProducer,
        config: SynclineConfig,
        metrics: DeliveryWorkerMetrics,
        trouble: TroubleReporter,
      ) =>
        new DeliverRecordsUseCase(
          snapshot,
          cache,
          collections,
          source,
          log,
          remote,
          connectors,
          limiter,
          producer,
          config.kafka.topicPrefix,
          config.delivery.maxAttemptsInBatch,
          metrics,
          trouble,
        ),
    },
    {
      provide: DestinationSender,
      inject: [
        ControlPlaneSnapshot,
        DeliverRecordsUseCase,
        DurableKafkaProducer,
        SYNCLINE_CONFIG,
        DeliveryWorkerMetrics,
        TroubleReporter,
      ],
      useFactory: (
        snapshot: ControlPlaneSnapshot,
        deliver: DeliverRecordsUseCase,
        producer: DurableKafkaProducer,
        c: SynclineConfig,
        m: DeliveryWorkerMetrics,
        trouble: TroubleReporter,
      ) =>
        new DestinationSender(
          {
            brokers: c.kafka.brokers,
            groupId: c.delivery.senderGroupId,
            topicPrefix: c.kafka.topicPrefix,
            lingerMs: c.delivery.lingerMs,
          },
          snapshot,
          deliver,
          m,
          (topics) =>
            producer.ensureTopics(
              topics.map((topic) => ({ topic, numPartitions: c.delivery.topicPartitions })),
            ),
          trouble,
        ),
    },
    {
      provide: ApplyInboundUseCase,
      inject: [
        CollectionRegistry,
        SourceRecordRepository,
        RecordWriter,
        RemoteRecordRepository,
        InboundLogRepository,
        DeliveryWorkerMetrics,
      ],
      useFactory: (
        collections: CollectionRegistry,
        source: SourceRecordRepository,
        writer: RecordWriter,
        remote: RemoteRecordRepository,
        log: InboundLogRepository,
        metrics: DeliveryWorkerMetrics,
      ) => new ApplyInboundUseCase(collections, source, writer, remote, log, metrics),
    },
    {
      provide: InboundPoller,
      inject: [
        ControlPlaneSnapshot,
        ConnectorPool,
        SharedRateLimiter,
        InboundCursorRepository,
        ApplyInboundUseCase,
        DeliveryWorkerMetrics,
        SYNCLINE_CONFIG,
      ],
      useFactory: (
        snapshot: ControlPlaneSnapshot,
        connectors: ConnectorPool,
        limiter: SharedRateLimiter,
        cursors: InboundCursorRepository,
        inbound: ApplyInboundUseCase,
        metrics: DeliveryWorkerMetrics,
        c: SynclineConfig,
      ) =>
        new InboundPoller(snapshot, connectors, limiter, cursors, inbound, metrics, {
          intervalMs: c.delivery.inboundPollMs,
          settleMs: c.delivery.inboundSettleMs,
        }),
    },
    {
      provide: ApplyInboundHintsUseCase,
      inject: [
        ControlPlaneSnapshot,
        ConnectorPool,
        SharedRateLimiter,
        ApplyInboundUseCase,
        DeliveryWorkerMetrics,
        InboundHintRetryRepository,
      ],
      useFactory: (
        snapshot: ControlPlaneSnapshot,
        connectors: ConnectorPool,
        limiter: SharedRateLimiter,
        inbound: ApplyInboundUseCase,
        metrics: DeliveryWorkerMetrics,
        retries: InboundHintRetryRepository,
      ) => new ApplyInboundHintsUseCase(snapshot, connectors, limiter, inbound, metrics, retries),
    },
    {
      provide: InboundHintRetrier,
      inject: [ApplyInboundHintsUseCase],
      useFactory: (hints: ApplyInboundHintsUseCase) => new InboundHintRetrier(hints),
    },
    DeliveryLifecycleService,
    DeliveryLagService,
  ],
})
export class DeliveryWorkerModule {}
