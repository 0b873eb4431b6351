import { HttpConfig } from '../types/http-config.type';
import { EnvReader } from './env-reader';
import { Secret } from './secret';

const TENANT = /^[A-Za-z0-9._@-]{1,128}$/;

// The admin key opens every tenant's destinations and credentials: long enough not to be guessed.
const ADMIN_KEY_MIN_LENGTH = 32;

export function loadHttpConfig(env: EnvReader): HttpConfig {
  const adminApiKey = env.secret('SYNCLINE_ADMIN_API_KEY');
  const admin = adminApiKey.reveal();
  if (admin !== '' && admin.length < ADMIN_KEY_MIN_LENGTH) {
    env.fail(
      'SYNCLINE_ADMIN_API_KEY',
      `must be at least ${ADMIN_KEY_MIN_LENGTH} characters (e.g. \`openssl rand -hex 32\`), or unset to close the admin API`,
    );
  }
  const publicUrl = env.string('SYNCLINE_PUBLIC_URL', '');
  if (publicUrl !== '' && !isAbsoluteHttpUrl(publicUrl)) {
    env.fail(
      'SYNCLINE_PUBLIC_URL',
      `must be an absolute http(s) URL such as https://sync.example.com, got ${JSON.stringify(publicUrl)}`,
    );
  }
  return {
    port: env.port('SYNCLINE_HTTP_PORT', 3000),
    processes: env.int('SYNCLINE_CACHE_API_PROCESSES', 1, { min: 1, max: 64 }),
    opsPort: env.int('SYNCLINE_OPS_PORT', 9464, { min: 0, max: 65535 }),
    apiKeys: new Secret(parseApiKeys(env, admin)),
    adminApiKey,
    publicUrl: publicUrl.replace(/\/+$/, ''),
  };
}

function isAbsoluteHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '';
  } catch {
    return false;
  }
}

/**
 * `tenant=key,tenant=key`; keys must be at least 16 characters, each tenant listed once and each
 * key used by one tenant only (a shared key would authenticate as either), never the admin key.
 * Never echoes a key.
 */
function parseApiKeys(env: EnvReader, adminKey: string): ReadonlyMap<string, string> {
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
    if (keys.has(tenant)) {
      env.fail('SYNCLINE_API_KEYS', `tenant ${tenant} is listed more than once`);
      continue;
    }
    const owner = [...keys].find(([, other]) => other === key)?.[0];
    if (owner !== undefined) {
      env.fail('SYNCLINE_API_KEYS', `tenants ${owner} and ${tenant} have the same key`);
      continue;
    }
    if (key === adminKey) {
      env.fail('SYNCLINE_API_KEYS', `tenant ${tenant}'s key is the admin key`);
      continue;
    }
    keys.set(tenant, key);
  }
  return keys;
}
