import { Secret } from '../utils/secret';

export interface HttpConfig {
  /** The cache-api's port. */
  port: number;
  /** Workers' ops port: /metrics and /health. */
  opsPort: number;
  /** Per-tenant API keys: tenant id -> key. */
  apiKeys: Secret<ReadonlyMap<string, string>>;
  /** A key that may act for every tenant (admin endpoints, operators). Empty disables it. */
  adminApiKey: Secret<string>;
}
