import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { HealthService } from '@syncline/observability';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { REDIS_CLIENT, SOURCE_POOL } from '../constants/runtime.tokens';

/** Readiness checks for the shared clients; closes them last, after the app stopped using them. */
@Injectable()
export class RuntimeLifecycleService
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    private readonly health: HealthService,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SOURCE_POOL) private readonly pool: Pool,
  ) {}

  onApplicationBootstrap(): void {
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
