export { CACHE_DEFAULTS } from './constants/cache-defaults.constant';
export { CacheUnavailableException } from './exceptions/cache-unavailable.exception';
export { InvalidCacheKeyException } from './exceptions/invalid-cache-key.exception';
export { CacheKeyBuilder } from './services/cache-key.builder';
export { RecordCacheRepository } from './services/record-cache.repository';
export type { CacheWrite } from './types/cache-write.type';
export type { CachedRecord } from './types/cached-record.type';
export type { RecordRef } from './types/record-ref.type';
export type { WriteOutcome } from './types/write-outcome.type';
