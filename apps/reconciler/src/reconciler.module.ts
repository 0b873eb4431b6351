import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { CacheKeyBuilder, RecordCacheRepository, SharedRateLimiter } from '@syncline/cache';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import {
  ControlPlaneModule,
  DeliveryLogRepository,
  DestinationRepository,
  MappingRepository,
} from '@syncline/control-plane';
import { DurableKafkaProducer } from '@syncline/kafka';
import { EntityRegistry } from '@syncline/records';
import {
  CacheManifestReader,
  ReachabilityProbe,
  ReconcileCacheUseCase,
  ReconcileCrmUseCase,
  ReconcileMetrics,
  ReconcileRunRepository,
  SourceManifestReader,
} from '@syncline/reconcile';
import { REDIS_CLIENT, RuntimeModule, SOURCE_POOL } from '@syncline/runtime';
import { SourceRecordRepository } from '@syncline/source';
import Redis from 'ioredis';
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
      inject: [SOURCE_POOL, EntityRegistry],
      useFactory: (pool: Pool, entities: EntityRegistry) =>
        new SourceManifestReader(pool, entities),
    },
    {
      provide: CacheManifestReader,
      inject: [RecordCacheRepository],
      useFactory: (cache: RecordCacheRepository) => new CacheManifestReader(cache),
    },
    {
      provide: ReachabilityProbe,
      inject: [SOURCE_POOL, REDIS_CLIENT],
      useFactory: (pool: Pool, redis: Redis) => new ReachabilityProbe(pool, redis),
    },
    {
      provide: SharedRateLimiter,
      inject: [REDIS_CLIENT, SYNCLINE_CONFIG],
      useFactory: (redis: Redis, c: SynclineConfig) =>
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
        SourceRecordRepository,
        EntityRegistry,
        ReachabilityProbe,
        RECONCILER_CONFIG,
      ],
      useFactory: (
        source: SourceManifestReader,
        cacheReader: CacheManifestReader,
        cache: RecordCacheRepository,
        records: SourceRecordRepository,
        entities: EntityRegistry,
        probe: ReachabilityProbe,
        config: ReconcilerConfig,
      ) =>
        new ReconcileCacheUseCase(source, cacheReader, cache, records, entities, probe, {
          graceMs: config.graceMs,
        }),
    },
    {
      provide: ReconcileCrmUseCase,
      inject: [
        SourceManifestReader,
        EntityRegistry,
        DestinationRepository,
        MappingRepository,
        DeliveryLogRepository,
        SharedRateLimiter,
        DurableKafkaProducer,
        ReachabilityProbe,
        SYNCLINE_CONFIG,
        RECONCILER_CONFIG,
      ],
      useFactory: (
        source: SourceManifestReader,
        entities: EntityRegistry,
        destinations: DestinationRepository,
        mappings: MappingRepository,
        deliveryLog: DeliveryLogRepository,
        limiter: SharedRateLimiter,
        producer: DurableKafkaProducer,
        probe: ReachabilityProbe,
        config: SynclineConfig,
        reconciler: ReconcilerConfig,
      ) =>
        new ReconcileCrmUseCase(
          source,
          entities,
          destinations,
          mappings,
          deliveryLog,
          limiter,
          producer,
          probe,
          {
            topicPrefix: config.kafka.topicPrefix,
            topicPartitions: config.delivery.topicPartitions,
            graceMs: reconciler.graceMs,
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
