/** Injection tokens for what the sync-worker builds from config rather than from classes. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
export const SOURCE_POOL = Symbol('SOURCE_POOL');
