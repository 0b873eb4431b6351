import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { RecordCacheRepository, RedisClient } from '@syncline/cache';
import { HealthService } from '@syncline/observability';
import { Pool } from 'pg';
import { REDIS_CLIENT, SOURCE_POOL } from '../constants/runtime.tokens';

/** Readiness checks for the shared clients; closes them last, after the app stopped using them. */
@Injectable()
export class RuntimeLifecycleService
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    private readonly health: HealthService,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(SOURCE_POOL) private readonly pool: Pool,
    private readonly cache: RecordCacheRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Redis may be down at start: the app still starts (its readiness says so); the next start
    // or replica publishes the contract version. A cluster client queues commands until it
    // reaches a node, so the wait is bounded.
    const published = this.cache.publishContract();
    let timer: NodeJS.Timeout | undefined;
    const bounded = new Promise<void>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not answer within 2 s')), 2000);
    });
    await Promise.race([published, bounded])
      .catch((error: Error) =>
        new Logger(RuntimeLifecycleService.name).warn(
          `could not publish the Redis contract version: ${error.message}`,
        ),
      )
      .finally(() => clearTimeout(timer));
    // Settles later when Redis comes back; its outcome was reported above.
    published.catch(() => undefined);
    this.health.register('redis', async () => (await this.redis.ping()) === 'PONG');
    this.health.register(
      'postgres',
      async () => (await this.pool.query('SELECT 1')).rowCount === 1,
    );
  }

  beforeApplicationShutdown(): void {
    this.health.markDraining();
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    await this.pool.end();
  }
}
