export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
export const SOURCE_POOL = Symbol('SOURCE_POOL');
export const CACHE_API_APP = 'cache-api';
