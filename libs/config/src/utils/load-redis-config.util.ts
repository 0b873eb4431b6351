import { RedisConfig } from '../types/redis-config.type';
import { EnvReader } from './env-reader';

export function loadRedisConfig(env: EnvReader): RedisConfig {
  return {
    url: env.secretUrl('SYNCLINE_REDIS_URL', 'redis://127.0.0.1:6379', ['redis', 'rediss']),
  };
}
