import { Logger } from '@nestjs/common';
import { RedisConfig } from '@syncline/config';
import Redis, { Cluster, ClusterOptions, RedisOptions } from 'ioredis';
import { RedisClient } from '../types/redis-client.type';

// Commands fail after a couple of reconnect attempts instead of queueing forever: callers see
// CacheUnavailableException and the one retry policy (libs/resilience) decides what happens next.
const COMMAND_RETRIES = 2;
const reconnectDelay = (times: number): number => Math.min(times * 100, 2000);

/**
 * The app's Redis client: a Cluster client when seed nodes are configured
 * (SYNCLINE_REDIS_CLUSTER_NODES), a single-instance client otherwise. Batches go out in one
 * explicit pipeline per node (pipelinedByNode); auto-pipelining is for connections that serve many
 * small concurrent requests (the cache-api's reads, duplicateRedisClient): on the workers' batch
 * path it cost throughput (end-to-end load test at 5,000 changes/s, sync-worker lag 74k vs 41k).
 * On a cluster, ioredis follows MOVED/ASK redirections and, during a failover, waits briefly for
 * the promoted replica (retryDelayOnFailover/ClusterDown); what still fails surfaces as an error.
 * Connection errors are logged through the app's (JSON) logger, once per outage.
 */
export function createRedisClient(config: RedisConfig, connectionName: string): RedisClient {
  const client =
    config.clusterNodes.length > 0
      ? new Cluster(
          config.clusterNodes.map((node) => {
            const url = new URL(node.reveal());
            return { host: url.hostname, port: Number(url.port || 6379) };
          }),
          clusterOptions(config, connectionName),
        )
      : new Redis(config.url.reveal(), {
          connectionName,
          maxRetriesPerRequest: COMMAND_RETRIES,
          retryStrategy: reconnectDelay,
        });
  logConnectionTrouble(client, connectionName);
  return client;
}

/**
 * A second connection with the same settings and auto-pipelining (the commands of one event-loop
 * turn go out in one write per node): for many small concurrent requests, like the cache-api's
 * reads, kept apart from the shared connection's writes.
 */
export function duplicateRedisClient(redis: RedisClient, connectionName: string): RedisClient {
  const copy = redis.isCluster
    ? (redis as Cluster).duplicate([], {
        enableAutoPipelining: true,
        redisOptions: { ...(redis as Cluster).options.redisOptions, connectionName },
      })
    : (redis as Redis).duplicate({ connectionName, enableAutoPipelining: true });
  logConnectionTrouble(copy, connectionName);
  return copy;
}

function clusterOptions(config: RedisConfig, connectionName: string): ClusterOptions {
  // Seed URLs agree on credentials and scheme (checked when the config loads).
  const first = new URL(config.clusterNodes[0].reveal());
  const tls = first.protocol === 'rediss:';
  const redisOptions: RedisOptions = {
    connectionName,
    maxRetriesPerRequest: COMMAND_RETRIES,
    username: first.username ? decodeURIComponent(first.username) : undefined,
    password: first.password ? decodeURIComponent(first.password) : undefined,
    // Managed services present certificates for their configuration endpoint's name.
    tls: tls ? { servername: first.hostname } : undefined,
  };
  return {
    redisOptions,
    scaleReads: 'master', // reads see every acknowledged write (replicas lag)
    clusterRetryStrategy: reconnectDelay,
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    slotsRefreshTimeout: 2000,
    // TLS endpoints of managed services must be reached by name, not by resolved address.
    dnsLookup: tls ? (address, callback) => callback(null, address) : undefined,
  };
}

function logConnectionTrouble(client: RedisClient, connectionName: string): void {
  const logger = new Logger('Redis');
  let failing = false;
  const failed = (error: Error): void => {
    if (failing) return;
    failing = true;
    logger.error(`Redis connection "${connectionName}" failed, reconnecting: ${error.message}`);
  };
  client.on('error', failed);
  // A cluster reports a failing node apart; without a listener it is only a debug line.
  if (client.isCluster) client.on('node error', (error: Error) => failed(error));
  client.on('ready', () => {
    if (!failing) return;
    failing = false;
    logger.log(`Redis connection "${connectionName}" is back`);
  });
}
