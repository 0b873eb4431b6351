import { CacheConfig } from '../types/cache-config.type';
import { EnvReader } from './env-reader';

const NAMESPACE = /^[A-Za-z0-9._@-]{1,64}$/;

export function loadCacheConfig(env: EnvReader): CacheConfig {
  const namespace = env.string('SYNCLINE_CACHE_NAMESPACE', 'sl');
  if (!NAMESPACE.test(namespace)) {
    env.fail('SYNCLINE_CACHE_NAMESPACE', 'may only contain letters, digits, ".", "_", "@" and "-"');
  }
  return {
    namespace,
    tombstoneTtlMs: env.int('SYNCLINE_CACHE_TOMBSTONE_TTL_MS', 24 * 60 * 60 * 1000, { min: 1000 }),
  };
}
