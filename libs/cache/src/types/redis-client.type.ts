import type { Cluster, Redis } from 'ioredis';

/**
 * A connection to the cache: one Redis instance, or a Redis Cluster (ioredis routes each command
 * by its key's hash slot and follows MOVED/ASK). Code takes this type, never one of the two.
 */
export type RedisClient = Redis | Cluster;
