import { CacheConfig } from './cache-config.type';
import { ControlPlaneConfig } from './control-plane-config.type';
import { DeliveryConfig } from './delivery-config.type';
import { HealthConfig } from './health-config.type';
import { HttpConfig } from './http-config.type';
import { KafkaConfig } from './kafka-config.type';
import { LogConfig } from './log-config.type';
import { NotificationsConfig } from './notifications-config.type';
import { PostgresConfig } from './postgres-config.type';
import { RedisConfig } from './redis-config.type';
import { SyncWorkerConfig } from './sync-worker-config.type';

/**
 * The whole validated configuration. To add a section: add its type in `types/`, a loader in
 * `utils/load-<section>-config.util.ts` that reads through `EnvReader`, and register both here
 * and in `loadConfig`.
 */
export interface SynclineConfig {
  postgres: PostgresConfig;
  /** Syncline's own tables; defaults to the source database. */
  controlPlane: ControlPlaneConfig;
  redis: RedisConfig;
  kafka: KafkaConfig;
  log: LogConfig;
  cache: CacheConfig;
  syncWorker: SyncWorkerConfig;
  http: HttpConfig;
  delivery: DeliveryConfig;
  health: HealthConfig;
  notifications: NotificationsConfig;
}
