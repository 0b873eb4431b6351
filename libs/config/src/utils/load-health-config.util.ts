import { HealthConfig } from '../types/health-config.type';
import { EnvReader } from './env-reader';

export function loadHealthConfig(env: EnvReader): HealthConfig {
  const connectUrl = env.string('SYNCLINE_CONNECT_URL', '').replace(/\/+$/, '');
  if (connectUrl !== '' && !/^https?:\/\/[^/]+/.test(connectUrl)) {
    env.fail('SYNCLINE_CONNECT_URL', 'must be an http(s) URL such as http://connect:8083');
  }
  const slotName = env.string('SYNCLINE_CDC_SLOT', 'syncline');
  // Postgres slot names: lower-case letters, digits and underscores.
  if (slotName !== '' && !/^[a-z0-9_]{1,63}$/.test(slotName)) {
    env.fail(
      'SYNCLINE_CDC_SLOT',
      'must be a replication slot name ([a-z0-9_], up to 63 characters)',
    );
  }
  return {
    sampleIntervalMs: env.int('SYNCLINE_HEALTH_INTERVAL_MS', 15_000, { min: 200, max: 600_000 }),
    slotName,
    connectUrl,
    connectorName: env.string('SYNCLINE_CDC_CONNECTOR', 'syncline-postgres'),
    slotLagThresholdBytes: env.int('SYNCLINE_HEALTH_SLOT_LAG_BYTES', 256 * 1024 * 1024, {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
    }),
    slotStallMs: env.int('SYNCLINE_HEALTH_SLOT_STALL_MS', 300_000, { min: 0, max: 86_400_000 }),
  };
}
