import { ConfigValidationException } from '../exceptions/config-validation.exception';
import { EnvSource } from '../types/env-source.type';
import { SynclineConfig } from '../types/syncline-config.type';
import { deepFreeze } from './deep-freeze.util';
import { EnvReader } from './env-reader';
import { loadCacheConfig } from './load-cache-config.util';
import { loadControlPlaneConfig } from './load-control-plane-config.util';
import { loadDeliveryConfig } from './load-delivery-config.util';
import { loadHealthConfig } from './load-health-config.util';
import { loadHttpConfig } from './load-http-config.util';
import { loadKafkaConfig } from './load-kafka-config.util';
import { loadLogConfig } from './load-log-config.util';
import { loadNotificationsConfig } from './load-notifications-config.util';
import { loadPostgresConfig } from './load-postgres-config.util';
import { loadRedisConfig } from './load-redis-config.util';
import { loadSyncWorkerConfig } from './load-sync-worker-config.util';

/**
 * Validates `env` into a frozen `SynclineConfig`, or throws `ConfigValidationException` naming
 * every bad variable. Pure: apps should call `getConfig()`, which does this once per process.
 */
export function loadConfig(env: EnvSource = process.env): SynclineConfig {
  const reader = new EnvReader(env);
  const postgres = loadPostgresConfig(reader);
  const config: SynclineConfig = {
    postgres,
    controlPlane: loadControlPlaneConfig(reader, postgres),
    redis: loadRedisConfig(reader),
    kafka: loadKafkaConfig(reader),
    log: loadLogConfig(reader),
    cache: loadCacheConfig(reader),
    syncWorker: loadSyncWorkerConfig(reader),
    http: loadHttpConfig(reader),
    delivery: loadDeliveryConfig(reader),
    health: loadHealthConfig(reader),
    notifications: loadNotificationsConfig(reader),
  };
  if (reader.issues.length > 0) throw new ConfigValidationException(reader.issues);
  return deepFreeze(config);
}
