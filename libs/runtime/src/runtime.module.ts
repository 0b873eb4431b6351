import { DynamicModule, Global, Module } from '@nestjs/common';
import {
  CacheKeyBuilder,
  createRedisClient,
  RecordCacheRepository,
  RedisClient,
} from '@syncline/cache';
import { getConfig, SYNCLINE_CONFIG, SynclineConfig, SynclineConfigModule } from '@syncline/config';
import { HealthService, loggerModuleFor, MetricsRegistry } from '@syncline/observability';
import { CollectionRegistry } from '@syncline/records';
import { RecordWriter } from '@syncline/record-writes';
import { createSourcePool, SourceRecordRepository } from '@syncline/source';
import { Pool } from 'pg';
import { APP_NAME, REDIS_CLIENT, SOURCE_POOL } from './constants/runtime.tokens';
import { RuntimeLifecycleService } from './services/runtime-lifecycle.service';

export interface RuntimeOptions {
  /** Names logs, metrics and client connections. */
  app: string;
  /** Postgres connections this process may hold. */
  postgresPoolSize?: number;
  /** Log every HTTP request (APIs only). */
  httpRequestLogs?: boolean;
}

/**
 * What every Syncline app shares: validated config, JSON logs, metrics and health, and the Redis,
 * Postgres and record repositories built from config. Apps import `RuntimeModule.forApp(...)`.
 */
@Global()
@Module({})
export class RuntimeModule {
  static forApp({
    app,
    postgresPoolSize = 10,
    httpRequestLogs = false,
  }: RuntimeOptions): DynamicModule {
    const providers = [
      { provide: APP_NAME, useValue: app },
      {
        provide: REDIS_CLIENT,
        inject: [SYNCLINE_CONFIG],
        useFactory: (c: SynclineConfig) => createRedisClient(c.redis, app),
      },
      {
        provide: SOURCE_POOL,
        inject: [SYNCLINE_CONFIG],
        useFactory: (c: SynclineConfig) => createSourcePool(c.postgres, postgresPoolSize, app),
      },
      {
        // The collections config and the catalog, read once at start: a bad config stops start-up.
        provide: CollectionRegistry,
        inject: [SOURCE_POOL, SYNCLINE_CONFIG],
        useFactory: (pool: Pool, c: SynclineConfig) =>
          CollectionRegistry.load({
            pool,
            publication: c.postgres.publication,
            configFile: c.postgres.collectionsFile,
          }),
      },
      { provide: MetricsRegistry, useFactory: () => new MetricsRegistry(app) },
      { provide: HealthService, useFactory: () => new HealthService() },
      {
        provide: RecordCacheRepository,
        inject: [REDIS_CLIENT, SYNCLINE_CONFIG],
        useFactory: (redis: RedisClient, c: SynclineConfig) =>
          new RecordCacheRepository(
            redis,
            new CacheKeyBuilder(c.cache.namespace),
            c.cache.tombstoneTtlMs,
          ),
      },
      {
        provide: SourceRecordRepository,
        inject: [SOURCE_POOL, CollectionRegistry],
        useFactory: (pool: Pool, collections: CollectionRegistry) =>
          new SourceRecordRepository(pool, collections),
      },
      {
        provide: RecordWriter,
        inject: [CollectionRegistry, SourceRecordRepository, RecordCacheRepository],
        useFactory: (
          collections: CollectionRegistry,
          source: SourceRecordRepository,
          cache: RecordCacheRepository,
        ) => new RecordWriter(collections, source, cache),
      },
      RuntimeLifecycleService,
    ];
    return {
      module: RuntimeModule,
      imports: [
        SynclineConfigModule,
        loggerModuleFor(app, getConfig().log.level, { httpRequests: httpRequestLogs }),
      ],
      providers,
      exports: [
        APP_NAME,
        REDIS_CLIENT,
        SOURCE_POOL,
        CollectionRegistry,
        MetricsRegistry,
        HealthService,
        RecordCacheRepository,
        SourceRecordRepository,
        RecordWriter,
      ],
    };
  }
}
