import { HttpConfig } from '../types/http-config.type';
import { EnvReader } from './env-reader';
import { Secret } from './secret';

const TENANT = /^[A-Za-z0-9._@-]{1,128}$/;

export function loadHttpConfig(env: EnvReader): HttpConfig {
  return {
    port: env.port('SYNCLINE_HTTP_PORT', 3000),
    opsPort: env.int('SYNCLINE_OPS_PORT', 9464, { min: 0, max: 65535 }),
    apiKeys: new Secret(parseApiKeys(env)),
    adminApiKey: env.secret('SYNCLINE_ADMIN_API_KEY'),
  };
}

/** `tenant=key,tenant=key`; keys must be at least 16 characters. Never echoes a key. */
function parseApiKeys(env: EnvReader): ReadonlyMap<string, string> {
  const raw = env.secret('SYNCLINE_API_KEYS').reveal();
  const keys = new Map<string, string>();
  for (const entry of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf('=');
    const tenant = entry.slice(0, separator);
    const key = entry.slice(separator + 1);
    if (separator <= 0 || !TENANT.test(tenant) || key.length < 16) {
      env.fail(
        'SYNCLINE_API_KEYS',
        `each entry must be tenant=key with a key of 16+ characters (entry ${keys.size + 1} is not)`,
      );
      continue;
    }
    keys.set(tenant, key);
  }
  return keys;
}
