import type { RetryOptions } from '@syncline/resilience';

/** Settings every connector takes. */
export interface ConnectorCallOptions {
  /** Per-call timeout; a call that takes longer fails as `transient`. Default 30 s. */
  timeoutMs?: number;
  /** Retry of page fetches inside `listAll` (transient and interval limits only). */
  listRetry?: Partial<RetryOptions>;
  /**
   * The ownership marker: a custom text property (HubSpot, e.g. `syncline_origin`) or custom
   * field (Salesforce, e.g. `Syncline_Origin__c`) the user creates on every mapped object. Every
   * upsert writes `originValue` into it, so `reconcile crm` knows which records Syncline wrote
   * even when the delivery log missed the write, and archives them on a shared account too when
   * their row is gone or excluded by the rules. Absent = no marker.
   */
  originProperty?: string;
  /** The marker's value; `createConnector` sets the destination id. */
  originValue?: string;
}
