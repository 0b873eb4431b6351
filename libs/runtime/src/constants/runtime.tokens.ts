/** Injection tokens for clients built from config. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
export const SOURCE_POOL = Symbol('SOURCE_POOL');
export const APP_NAME = Symbol('APP_NAME');
