import { Secret } from '../utils/secret';

export interface HttpConfig {
  /** The cache-api's port. */
  port: number;
  /**
   * cache-api processes sharing the port (Node cluster); 1 = no cluster. More than one uses more
   * cores of a pod, each process with its own Redis and Postgres connections.
   */
  processes: number;
  /** Workers' ops port: /metrics and /health. */
  opsPort: number;
  /** Per-tenant API keys: tenant id -> key. */
  apiKeys: Secret<ReadonlyMap<string, string>>;
  /** A key that may act for every tenant (admin endpoints, operators). Empty disables it. */
  adminApiKey: Secret<string>;
  /**
   * The cache-api's public origin (`https://sync.example.com`), as a CRM calling its webhooks sees
   * it: signatures cover the URL the sender called, not the one an ingress forwarded. Empty: the
   * request's Host header.
   */
  publicUrl: string;
}
