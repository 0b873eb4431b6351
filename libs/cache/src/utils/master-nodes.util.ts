import type { Redis } from 'ioredis';
import { RedisClient } from '../types/redis-client.type';

/**
 * The nodes that hold data: every master of a cluster (SCAN and the like see one node's keys
 * only), or the single instance itself.
 */
export function masterNodes(redis: RedisClient): Redis[] {
  return redis.isCluster ? (redis as import('ioredis').Cluster).nodes('master') : [redis as Redis];
}
