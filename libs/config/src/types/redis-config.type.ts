import { Secret } from '../utils/secret';

export interface RedisConfig {
  /** A secret because a redis:// URL may carry credentials. Used when no cluster is configured. */
  url: Secret<string>;
  /**
   * Seed nodes of a Redis Cluster (or a managed cluster-mode service), from
   * SYNCLINE_REDIS_CLUSTER_NODES; empty for a single instance. The client discovers the other
   * nodes from these; credentials and TLS come from the URLs, which must agree on them.
   */
  clusterNodes: Secret<string>[];
}
