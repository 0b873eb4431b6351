import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import {
  CacheKeyBuilder,
  RecordCacheRepository,
  RedisClient,
  SharedRateLimiter,
} from '@syncline/cache';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import {
  ControlPlaneModule,
  DeliveryLogRepository,
  DestinationRepository,
  MappingRepository,
  RemoteRecordRepository,
} from '@syncline/control-plane';
import { DurableKafkaProducer } from '@syncline/kafka';
import { CollectionRegistry } from '@syncline/records';
import {
  CacheManifestReader,
  ContentReplacer,
  ReachabilityProbe,
  ReconcileCacheUseCase,
  ReconcileCrmUseCase,
  ReconcileMetrics,
  ReconcileRunRepository,
  SourceManifestReader,
} from '@syncline/reconcile';
import { REDIS_CLIENT, RuntimeModule, SOURCE_POOL } from '@syncline/runtime';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { ReconcileCacheCommand } from './commands/reconcile-cache.command';
import { ReconcileCrmCommand } from './commands/reconcile-crm.command';
import { ReconcileRootCommand } from './commands/reconcile-root.command';
import { RECONCILER_APP, RECONCILER_CONFIG } from './constants/reconciler.constants';
import { CommanderExitSetup } from './services/commander-exit.setup';
import { ReconcileSession } from './services/reconcile-session.service';
import { ScopeResolver } from './services/scope-resolver.service';
import { ReconcilerConfig } from './types/reconciler-config.type';
import { loadReconcilerConfig } from './utils/load-reconciler-config.util';

@Module({
  imports: [
    RuntimeModule.forApp({ app: RECONCILER_APP, postgresPoolSize: 6 }),
    ControlPlaneModule.forApp(RECONCILER_APP),
  ],
  providers: [
    ReconcileRootCommand,
    ReconcileCacheCommand,
    ReconcileCrmCommand,
    CommanderExitSetup,
    ScopeResolver,
    ReconcileSession,
    { provide: RECONCILER_CONFIG, useFactory: () => loadReconcilerConfig() },
    {
      provide: SourceManifestReader,
      inject: [SOURCE_POOL, CollectionRegistry],
      useFactory: (pool: Pool, collections: CollectionRegistry) =>
        new SourceManifestReader(pool, collections),
    },
    {
      provide: CacheManifestReader,
      inject: [RecordCacheRepository, REDIS_CLIENT],
      useFactory: (cache: RecordCacheRepository, redis: RedisClient) =>
        new CacheManifestReader(cache, redis),
    },
    {
      provide: ContentReplacer,
      inject: [REDIS_CLIENT, RecordCacheRepository],
      useFactory: (redis: RedisClient, cache: RecordCacheRepository) =>
        new ContentReplacer(redis, cache.keys),
    },
    {
      provide: ReachabilityProbe,
      inject: [SOURCE_POOL, REDIS_CLIENT],
      useFactory: (pool: Pool, redis: RedisClient) => new ReachabilityProbe(pool, redis),
    },
    {
      provide: SharedRateLimiter,
      inject: [REDIS_CLIENT, SYNCLINE_CONFIG],
      useFactory: (redis: RedisClient, c: SynclineConfig) =>
        new SharedRateLimiter(redis, new CacheKeyBuilder(c.cache.namespace)),
    },
    {
      // Connects on first use: `reconcile cache` never does.
      provide: DurableKafkaProducer,
      inject: [SYNCLINE_CONFIG],
      useFactory: (c: SynclineConfig) => new DurableKafkaProducer(c.kafka.brokers, RECONCILER_APP),
    },
    {
      provide: ReconcileRunRepository,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new ReconcileRunRepository(dataSource),
    },
    { provide: ReconcileMetrics, useFactory: () => new ReconcileMetrics() },
    {
      provide: ReconcileCacheUseCase,
      inject: [
        SourceManifestReader,
        CacheManifestReader,
        RecordCacheRepository,
        ContentReplacer,
        CollectionRegistry,
        ReachabilityProbe,
        RECONCILER_CONFIG,
      ],
      useFactory: (
        source: SourceManifestReader,
        cacheReader: CacheManifestReader,
        cache: RecordCacheRepository,
        replacer: ContentReplacer,
        collections: CollectionRegistry,
        probe: ReachabilityProbe,
        config: ReconcilerConfig,
      ) =>
        new ReconcileCacheUseCase(source, cacheReader, cache, replacer, collections, probe, {
          graceMs: config.graceMs,
        }),
    },
    {
      provide: ReconcileCrmUseCase,
      inject: [
        SourceManifestReader,
        CollectionRegistry,
        RecordCacheRepository,
        DestinationRepository,
        MappingRepository,
        DeliveryLogRepository,
        SharedRateLimiter,
        DurableKafkaProducer,
        ReachabilityProbe,
        RemoteRecordRepository,
        SYNCLINE_CONFIG,
      ],
      useFactory: (
        source: SourceManifestReader,
        collections: CollectionRegistry,
        cache: RecordCacheRepository,
        destinations: DestinationRepository,
        mappings: MappingRepository,
        deliveryLog: DeliveryLogRepository,
        limiter: SharedRateLimiter,
        producer: DurableKafkaProducer,
        probe: ReachabilityProbe,
        remoteRecords: RemoteRecordRepository,
        config: SynclineConfig,
      ) =>
        new ReconcileCrmUseCase(
          source,
          collections,
          cache,
          destinations,
          mappings,
          deliveryLog,
          limiter,
          producer,
          probe,
          remoteRecords,
          {
            topicPrefix: config.kafka.topicPrefix,
            topicPartitions: config.delivery.topicPartitions,
          },
        ),
    },
  ],
})
export class ReconcilerModule implements OnApplicationShutdown {
  constructor(@Inject(DurableKafkaProducer) private readonly producer: DurableKafkaProducer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}
