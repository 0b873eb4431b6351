import { MappedRecord } from '@syncline/mapping';
import { ConnectorOrigin } from './connector-origin.type';
import type { DeletedRecord } from './deleted-record.type';
import { ItemResult } from './item-result.type';
import type { ModifiedCursor } from './modified-cursor.type';
import type { ModifiedPage } from './modified-page.type';
import type { ModifiedScanOptions } from './modified-scan-options.type';
import { PropertyDefinition } from './property-definition.type';
import { RateLimitObservation } from './rate-limit-observation.type';
import { RemoteRecord } from './remote-record.type';

/**
 * A CRM as the delivery-worker and the reconciler see it. To add a connector: implement this
 * interface (batch upsert/archive by a unique identity property, describe, and the read side),
 * add its kind to `DestinationKind`, and register its factory in `createConnector`.
 *
 * Whole-call failures (5xx, 429, timeouts, auth) throw `DeliveryException` with its class;
 * per-record failures come back as `ItemResult`s, so only the failed items are retried.
 */
export interface CrmConnector {
  readonly kind: string;
  /** Most records one call may carry (HubSpot 100, Salesforce collections 200). */
  readonly maxBatchSize: number;
  /**
   * HTTP requests one call of an operation makes, for the rate limiter: archives resolve
   * identities first (HubSpot batch read, Salesforce query), so they cost 2. Absent = 1.
   */
  readonly requestsPerCall?: Partial<Record<'upsert' | 'archive' | 'describe', number>>;
  /**
   * A limit of its own for search requests (HubSpot: 5/s per account), apart from the general
   * one; paced through `ConnectorHooks.beforeSearch`. Absent = no separate search limit.
   */
  readonly searchLimit?: { requestsPerInterval: number; intervalMs: number };
  /**
   * The ownership marker every upsert writes (`originProperty` set on the destination); reads
   * then report it as `RemoteRecord.origin`. Absent when the destination has none.
   */
  readonly origin?: ConnectorOrigin;
  upsert(object: string, identityProperty: string, records: MappedRecord[]): Promise<ItemResult[]>;
  /**
   * Updates records by the CRM's own record ids (HubSpot object id, Salesforce Id), one result per
   * input in order (`identity` = the external id): how a record created in the CRM gets its
   * identity property written back. Connectors without one (REST) cannot create rows from
   * inbound records (`inbound.createRows`).
   */
  updateByExternalId?(
    object: string,
    updates: { externalId: string; properties: MappedRecord['properties'] }[],
  ): Promise<ItemResult[]>;
  /** Removes (HubSpot archive, Salesforce delete) by identity values; unknown identities succeed. */
  archive(object: string, identityProperty: string, identities: string[]): Promise<ItemResult[]>;
  describe(object: string): Promise<PropertyDefinition[]>;
  /** Reads by identity values (absent ones are simply missing from the result). */
  readByIdentity(
    object: string,
    identityProperty: string,
    identities: string[],
    properties: string[],
  ): Promise<RemoteRecord[]>;
  /**
   * Reads by the CRM's own record ids (HubSpot object id, Salesforce Id), e.g. the ids a webhook
   * named; `identity` comes from `identityProperty`. Deleted/archived and unknown ids are simply
   * missing from the result. The inbound (CRM -> Postgres) side: connectors without one (REST)
   * leave it out.
   */
  readByExternalId?(
    object: string,
    identityProperty: string,
    externalIds: string[],
    properties: string[],
  ): Promise<RemoteRecord[]>;
  /**
   * Pages through the records deleted at or after `since` (HubSpot: archived listing; Salesforce:
   * Get Deleted, ids only). May repeat a deletion across calls whose ranges overlap: callers
   * apply them idempotently.
   */
  listDeletedSince?(
    object: string,
    identityProperty: string,
    since: Date,
  ): AsyncGenerator<DeletedRecord[]>;
  /**
   * Pages through the records modified after `cursor`, strictly ordered by (modified time, id),
   * each page with the cursor after it: persisting that cursor and resuming from it neither
   * skips records that share a timestamp nor depends on search offsets.
   */
  listModifiedSince?(
    object: string,
    identityProperty: string,
    properties: string[],
    cursor: ModifiedCursor,
    options?: ModifiedScanOptions,
  ): AsyncGenerator<ModifiedPage>;
  /** Pages through every record (modified since `since`, if given) in bounded memory. */
  listAll(
    object: string,
    identityProperty: string,
    properties: string[],
    since?: Date,
  ): AsyncGenerator<RemoteRecord[]>;
  /**
   * Pages through the records that carry this connector's marker (`origin`), filtered by the CRM
   * where it can. Only connectors with a marker implement it.
   */
  listOwned?(
    object: string,
    identityProperty: string,
    properties: string[],
  ): AsyncGenerator<RemoteRecord[]>;
  /** Called after every response that carried limit headers. */
  onRateLimit?: (observation: RateLimitObservation) => void;
}
