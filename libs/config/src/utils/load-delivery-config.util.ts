import { DeliveryConfig } from '../types/delivery-config.type';
import { EnvReader } from './env-reader';

export function loadDeliveryConfig(env: EnvReader): DeliveryConfig {
  const credentialsKey = env.secret('SYNCLINE_CREDENTIALS_KEY');
  const key = credentialsKey.reveal();
  if (key !== '' && Buffer.from(key, 'base64').length !== 32) {
    env.fail(
      'SYNCLINE_CREDENTIALS_KEY',
      'must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)',
    );
  }
  return {
    credentialsKey,
    destinationHosts: parseHostPatterns(env, 'SYNCLINE_DESTINATION_HOSTS'),
    routerGroupId: env.string('SYNCLINE_DELIVERY_ROUTER_GROUP_ID', 'syncline-delivery-router'),
    inboundGroupId: env.string('SYNCLINE_INBOUND_GROUP_ID', 'syncline-inbound'),
    inboundPollMs: env.int('SYNCLINE_INBOUND_POLL_MS', 5000, { min: 0, max: 3_600_000 }),
    inboundSettleMs: env.int('SYNCLINE_INBOUND_SETTLE_MS', 2000, { min: 0, max: 600_000 }),
    senderGroupId: env.string('SYNCLINE_DELIVERY_GROUP_ID', 'syncline-delivery'),
    controlRefreshMs: env.int('SYNCLINE_CONTROL_REFRESH_MS', 2000, { min: 100, max: 600_000 }),
    topicPartitions: env.int('SYNCLINE_DELIVERY_PARTITIONS', 3, { min: 1, max: 1024 }),
    lingerMs: env.int('SYNCLINE_DELIVERY_LINGER_MS', 500, { min: 0, max: 10_000 }),
    maxAttemptsInBatch: env.int('SYNCLINE_DELIVERY_MAX_ATTEMPTS_IN_BATCH', 3, { min: 1, max: 20 }),
  };
}

// A DNS name, optionally `*.` + a DNS name (any subdomain); no scheme, port or path.
const HOST_PATTERN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

/** Comma-separated host patterns; unset = no restriction. */
function parseHostPatterns(env: EnvReader, name: string): string[] {
  const patterns = env
    .string(name, '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = patterns.filter((p) => !HOST_PATTERN.test(p));
  if (bad.length > 0) {
    env.fail(
      name,
      `must be a comma list of host names or *.domain patterns (no scheme, port or path), got ${JSON.stringify(bad.join(','))}`,
    );
    return [];
  }
  return patterns;
}
