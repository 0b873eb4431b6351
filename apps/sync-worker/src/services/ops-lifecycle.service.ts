import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import { DurableKafkaProducer } from '@syncline/kafka';
import { HealthService, OpsHttpServer } from '@syncline/observability';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { REDIS_CLIENT, SOURCE_POOL } from '../constants/sync-worker.tokens';

/**
 * Starts the ops HTTP server and registers readiness checks; on shutdown reports "draining" first,
 * then (after the transport has finished and committed its batch) closes producer, Redis and
 * Postgres.
 */
@Injectable()
export class OpsLifecycleService
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(OpsLifecycleService.name);

  constructor(
    @Inject(SYNCLINE_CONFIG) private readonly config: SynclineConfig,
    private readonly ops: OpsHttpServer,
    private readonly health: HealthService,
    private readonly producer: DurableKafkaProducer,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SOURCE_POOL) private readonly pool: Pool,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.health.register('redis', async () => (await this.redis.ping()) === 'PONG');
    this.health.register(
      'postgres',
      async () => (await this.pool.query('SELECT 1')).rowCount === 1,
    );
    await this.producer.connect();
    const port = await this.ops.listen(this.config.http.opsPort);
    this.logger.log(`ops endpoints on :${port} (/metrics, /health/live, /health/ready)`);
  }

  beforeApplicationShutdown(): void {
    this.health.markDraining();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    await this.ops.close();
    this.redis.disconnect();
    await this.pool.end();
  }
}
