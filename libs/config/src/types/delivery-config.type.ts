import { Secret } from '../utils/secret';

export interface DeliveryConfig {
  /** AES-256-GCM key (32 bytes, base64) for destination credentials; empty = not configured. */
  credentialsKey: Secret<string>;
  /**
   * Hosts destinations may point at (baseUrl, Salesforce loginUrl): `api.hubapi.com`, or
   * `*.my.salesforce.com` for any subdomain. Empty = any host (no restriction).
   */
  destinationHosts: readonly string[];
  /** Consumer group of the router (record-changed -> per-destination topics). */
  routerGroupId: string;
  /** Consumer group of the inbound hints (webhooks → two-way sync). */
  inboundGroupId: string;
  /**
   * Two-way sync: how often each destination object of a two-way mapping is polled for changed
   * records (the fallback beside webhooks, or the only way in). 0 = no polling.
   */
  inboundPollMs: number;
  /**
   * Polls read changes up to this long ago only: a CRM's search index (HubSpot) or its commit
   * (Salesforce SystemModstamp) can lag, and a cursor must not pass a change not visible yet.
   */
  inboundSettleMs: number;
  /** Consumer group of the senders (per-destination topics -> CRMs). */
  senderGroupId: string;
  /** How often workers reload destinations and mappings (a change applies within this). */
  controlRefreshMs: number;
  /** Partitions of each destination's delivery topic. */
  topicPartitions: number;
  /**
   * How long a sender lets tasks accumulate before a fetch returns (unless 64 kB are waiting):
   * many changes to one record then collapse into one send, at the cost of this much latency.
   */
  lingerMs: number;
  /** Attempts at a transient failure within one batch before the destination is backed off. */
  maxAttemptsInBatch: number;
}
