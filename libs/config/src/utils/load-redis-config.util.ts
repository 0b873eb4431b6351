import { RedisConfig } from '../types/redis-config.type';
import { EnvReader } from './env-reader';

const PROTOCOLS = ['redis', 'rediss'] as const;

export function loadRedisConfig(env: EnvReader): RedisConfig {
  const url = env.secretUrl('SYNCLINE_REDIS_URL', 'redis://127.0.0.1:6379', PROTOCOLS);
  const clusterNodes = env.secretUrlList('SYNCLINE_REDIS_CLUSTER_NODES', PROTOCOLS);
  // One client connects to every node with the same credentials and TLS setting.
  const access = new Set(
    clusterNodes.map((node) => {
      const parsed = new URL(node.reveal());
      return `${parsed.protocol}${parsed.username}:${parsed.password}`;
    }),
  );
  if (access.size > 1) {
    env.fail(
      'SYNCLINE_REDIS_CLUSTER_NODES',
      'every seed node must use the same scheme (redis:// or rediss://), user and password',
    );
  }
  return { url, clusterNodes };
}
