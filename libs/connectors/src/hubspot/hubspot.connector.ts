import { Client } from '@hubspot/api-client';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects';
import type { SimplePublicObject } from '@hubspot/api-client/lib/codegen/crm/objects';
import type { MappedRecord } from '@syncline/mapping';
import { RetryPolicy } from '@syncline/resilience';
import { DEFAULT_CALL_TIMEOUT_MS } from '../constants/default-call-timeout-ms.constant';
import { DEFAULT_LIST_RETRY } from '../constants/default-list-retry.constant';
import { DeliveryException } from '../exceptions/delivery.exception';
import type { ConnectorHooks } from '../types/connector-hooks.type';
import type { ConnectorOrigin } from '../types/connector-origin.type';
import type { CrmConnector } from '../types/crm-connector.type';
import type { DeletedRecord } from '../types/deleted-record.type';
import type { ItemResult } from '../types/item-result.type';
import type { ModifiedCursor } from '../types/modified-cursor.type';
import type { ModifiedPage } from '../types/modified-page.type';
import type { ModifiedScanOptions } from '../types/modified-scan-options.type';
import type { PropertyDefinition } from '../types/property-definition.type';
import type { RateLimitObservation } from '../types/rate-limit-observation.type';
import type { RemoteRecord } from '../types/remote-record.type';
import { chunkByIdentity } from '../utils/chunk-by-identity.util';
import { chunk } from '../utils/chunk.util';
import { classifyDeliveryError } from '../utils/classify-delivery-error.util';
import { connectorOrigin } from '../utils/connector-origin.util';
import { fetchPageWithRetry } from '../utils/fetch-page-with-retry.util';
import { reportRateLimit } from '../utils/report-rate-limit.util';
import { withDeadline } from '../utils/with-deadline.util';
import { HUBSPOT_API_LIMITS } from './constants/hubspot-api-limits.constant';
import { HUBSPOT_DEFAULT_BASE_PATH } from './constants/hubspot-default-base-path.constant';
import type { HubSpotConnectorOptions } from './types/hubspot-connector-options.type';
import type { HubSpotResponseCapture } from './types/hubspot-response-capture.type';
import { createHubSpotCaptureMiddleware } from './utils/create-hubspot-capture-middleware.util';
import { hubSpotErrorFacts } from './utils/hubspot-error-facts.util';
import { hubSpotItemError } from './utils/hubspot-item-error.util';
import { matchHubSpotBatchResults } from './utils/match-hubspot-batch-results.util';
import { parseHubSpotRateLimitHeaders } from './utils/parse-hubspot-rate-limit-headers.util';
import { toHubSpotPropertyDefinition } from './utils/to-hubspot-property-definition.util';
import { toHubSpotPropertyValues } from './utils/to-hubspot-property-values.util';
import { HUBSPOT_LEGACY_MODIFIED_OBJECTS } from './constants/hubspot-legacy-modified-objects.constant';
import { HS_OBJECT_ID } from './constants/hubspot-object-id-property.constant';
import type { HubSpotSearchQuery } from './types/hubspot-search-query.type';
import { hubSpotModifiedAt } from './utils/hubspot-modified-at.util';
import { scanHubSpotModified } from './utils/scan-hubspot-modified.util';

type CallOptions = {
  middleware: ReturnType<typeof createHubSpotCaptureMiddleware>[];
  middlewareMergeStrategy: 'append';
};

/**
 * HubSpot CRM v3 through the official `@hubspot/api-client`: batch upsert by a unique
 * `idProperty`, archive by identity (resolved to record ids by a batch read), the properties API
 * for `describe`, batch read and search for the read side. The client's own retries are off:
 * retries (and their backoff) belong to the delivery-worker.
 */
export class HubSpotConnector implements CrmConnector {
  readonly kind = 'hubspot';
  readonly maxBatchSize = HUBSPOT_API_LIMITS.batchSize;
  // An archive first reads the records by identity to learn their ids.
  readonly requestsPerCall = { archive: 2 };
  readonly searchLimit = {
    requestsPerInterval: HUBSPOT_API_LIMITS.searchPerSecond,
    intervalMs: 1000,
  };
  readonly origin?: ConnectorOrigin;
  onRateLimit?: (observation: RateLimitObservation) => void;

  private readonly objects: Client['crm']['objects'];
  private readonly properties: Client['crm']['properties'];
  private readonly timeoutMs: number;
  private readonly searchPageSize: number;
  private readonly listRetry: RetryPolicy;
  private readonly paceSearch?: () => Promise<void>;
  /** Set by a 401; the next 401 is then permanent (a static token cannot be re-authorized). */
  private authRejected = false;

  constructor(
    private readonly options: HubSpotConnectorOptions,
    hooks: ConnectorHooks = {},
  ) {
    if (!options.accessToken) {
      throw new DeliveryException('permanent', 'HubSpot connector needs an accessToken');
    }
    const client = new Client({
      accessToken: options.accessToken,
      basePath: (options.basePath ?? HUBSPOT_DEFAULT_BASE_PATH).replace(/\/+$/, ''),
      numberOfApiCallRetries: 0,
    });
    // The client applies retry/limiter decorators from a process-wide singleton when an API group
    // is first touched, taking them from the Client built last. Touching the groups now binds them
    // to this client's settings (none) whatever other Clients the process builds later.
    this.objects = client.crm.objects;
    this.properties = client.crm.properties;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.searchPageSize = Math.min(
      options.searchPageSize ?? HUBSPOT_API_LIMITS.searchPageSize,
      HUBSPOT_API_LIMITS.searchPageSize,
    );
    this.listRetry = new RetryPolicy({ ...DEFAULT_LIST_RETRY, ...options.listRetry });
    this.onRateLimit = hooks.onRateLimit;
    this.paceSearch = hooks.beforeSearch;
    this.origin = connectorOrigin(options);
  }

  async upsert(
    object: string,
    identityProperty: string,
    records: MappedRecord[],
  ): Promise<ItemResult[]> {
    const what = `HubSpot batch upsert ${object}`;
    const results = new Map<MappedRecord, ItemResult>();
    const sendable: MappedRecord[] = [];
    for (const record of records) {
      if (typeof record.identity === 'string' && record.identity.trim() !== '') {
        sendable.push(record);
      } else {
        results.set(record, missingIdentity(record, what));
      }
    }
    for (const batch of chunkByIdentity(sendable, (r) => r.identity, this.maxBatchSize)) {
      const response = await this.call(what, (options) =>
        this.objects.batchApi.upsert(
          object,
          {
            inputs: batch.map((record, index) => ({
              idProperty: identityProperty,
              id: record.identity,
              properties: toHubSpotPropertyValues(this.marked(record.properties)),
              objectWriteTraceId: String(index),
            })),
          },
          options,
        ),
      );
      const outcomes = matchHubSpotBatchResults(
        batch.map((record) => record.identity),
        identityProperty,
        {
          results: response.results,
          errors: 'errors' in response ? response.errors : undefined,
        },
        what,
      );
      batch.forEach((record, index) => results.set(record, outcomes[index]));
    }
    return records.map((record) => results.get(record)!);
  }

  /** Batch update by object id (`POST /crm/v3/objects/{objectType}/batch/update`). */
  async updateByExternalId(
    object: string,
    updates: { externalId: string; properties: MappedRecord['properties'] }[],
  ): Promise<ItemResult[]> {
    const what = `HubSpot batch update ${object}`;
    const results: ItemResult[] = [];
    for (const batch of chunk(updates, this.maxBatchSize)) {
      const response = await this.call(what, (options) =>
        this.objects.batchApi.update(
          object,
          {
            inputs: batch.map((update, index) => ({
              id: update.externalId,
              properties: toHubSpotPropertyValues(update.properties),
              objectWriteTraceId: String(index),
            })),
          },
          options,
        ),
      );
      results.push(
        ...matchHubSpotBatchResults(
          batch.map((update) => update.externalId),
          HS_OBJECT_ID,
          {
            results: response.results,
            errors: 'errors' in response ? response.errors : undefined,
          },
          what,
        ),
      );
    }
    return results;
  }

  async archive(
    object: string,
    identityProperty: string,
    identities: string[],
  ): Promise<ItemResult[]> {
    const what = `HubSpot batch archive ${object}`;
    const wanted = [...new Set(identities.filter((identity) => identity.trim() !== ''))];
    // Batch archive takes record ids only: resolve identities first. Unknown ones are already gone.
    const ids =
      identityProperty === HS_OBJECT_ID
        ? wanted
        : (await this.readByIdentity(object, identityProperty, wanted, [])).map(
            (record) => record.externalId,
          );
    for (const batch of chunk(ids, this.maxBatchSize)) {
      await this.call(what, (options) =>
        this.objects.batchApi.archive(object, { inputs: batch.map((id) => ({ id })) }, options),
      );
    }
    return identities.map((identity) =>
      identity.trim() === ''
        ? { identity, ok: false, error: missingIdentityError(what) }
        : { identity, ok: true },
    );
  }

  async describe(object: string): Promise<PropertyDefinition[]> {
    const response = await this.call(`HubSpot properties ${object}`, (options) =>
      this.properties.coreApi.getAll(object, false, undefined, options),
    );
    return response.results.map((property) => toHubSpotPropertyDefinition(property));
  }

  async readByIdentity(
    object: string,
    identityProperty: string,
    identities: string[],
    properties: string[],
  ): Promise<RemoteRecord[]> {
    const idProperty = identityProperty === HS_OBJECT_ID ? undefined : identityProperty;
    return this.batchRead(object, idProperty, identities, identityProperty, properties);
  }

  /** Batch read by object id; archived records come back as not found, so they are absent. */
  async readByExternalId(
    object: string,
    identityProperty: string,
    externalIds: string[],
    properties: string[],
  ): Promise<RemoteRecord[]> {
    // Object ids are decimal; anything else names no record (and could fail the whole batch).
    const ids = externalIds.filter((id) => /^\d+$/.test(id));
    return this.batchRead(object, undefined, ids, identityProperty, properties);
  }

  /**
   * Archived records whose `archivedAt` is at or after `since`, from the archived listing (it
   * cannot be filtered by date: every archived record is paged through, HubSpot keeps them about
   * 90 days), with the identity property read along.
   */
  async *listDeletedSince(
    object: string,
    identityProperty: string,
    since: Date,
  ): AsyncGenerator<DeletedRecord[]> {
    const select = identityProperty === HS_OBJECT_ID ? [] : [identityProperty];
    for await (const results of this.pages(object, select, true)) {
      const deleted = results
        .filter((result) => result.archivedAt && result.archivedAt.getTime() >= since.getTime())
        .map((result): DeletedRecord => ({
          externalId: result.id,
          identity: identityOf(result, identityProperty),
          deletedAt: result.archivedAt!.toISOString(),
        }));
      if (deleted.length > 0) yield deleted;
    }
  }

  /** Records modified after `cursor` by keyset search queries (see `scanHubSpotModified`). */
  async *listModifiedSince(
    object: string,
    identityProperty: string,
    properties: string[],
    cursor: ModifiedCursor,
    options: ModifiedScanOptions = {},
  ): AsyncGenerator<ModifiedPage> {
    const modified = this.modifiedProperty(object);
    const fields = withIdentity(this.select(properties, identityProperty), modified);
    const search = (query: HubSpotSearchQuery) => this.search(object, fields, query);
    for await (const batch of scanHubSpotModified(
      search,
      modified,
      cursor,
      options.until?.getTime(),
    )) {
      yield {
        records: batch.results.map((result) => this.toRemote(result, identityProperty, properties)),
        cursor: batch.cursor,
      };
    }
  }

  private async batchRead(
    object: string,
    idProperty: string | undefined,
    ids: string[],
    identityProperty: string,
    properties: string[],
  ): Promise<RemoteRecord[]> {
    const what = `HubSpot batch read ${object}`;
    const select = this.select(properties, identityProperty);
    const records: RemoteRecord[] = [];
    const wanted = [...new Set(ids.filter((id) => id.trim() !== ''))];
    for (const batch of chunk(wanted, this.maxBatchSize)) {
      const response = await this.call(what, (options) =>
        this.objects.batchApi.read(
          object,
          {
            ...(idProperty === undefined ? {} : { idProperty }),
            inputs: batch.map((id) => ({ id })),
            properties: select,
            propertiesWithHistory: [],
          },
          false,
          options,
        ),
      );
      // Missing records come back as a 207 with one OBJECT_NOT_FOUND error: simply absent here.
      const failures = ('errors' in response ? (response.errors ?? []) : []).filter(
        (error) => error.category !== 'OBJECT_NOT_FOUND',
      );
      if (failures.length > 0) {
        throw hubSpotItemError(failures[0], what);
      }
      for (const result of response.results) {
        records.push(this.toRemote(result, identityProperty, properties));
      }
    }
    return records;
  }

  async *listAll(
    object: string,
    identityProperty: string,
    properties: string[],
    since?: Date,
  ): AsyncGenerator<RemoteRecord[]> {
    const select = this.select(properties, identityProperty);
    if (since === undefined) {
      yield* this.listPages(object, identityProperty, properties, select);
    } else {
      yield* this.searchSince(object, identityProperty, properties, select, since);
    }
  }

  /**
   * The records carrying this connector's marker, by search (`origin = value`), keyset-paged on
   * the record id so that search's 10,000-result cap never ends the scan early.
   */
  async *listOwned(
    object: string,
    identityProperty: string,
    properties: string[],
  ): AsyncGenerator<RemoteRecord[]> {
    if (!this.origin) return;
    const fields = this.select(properties, identityProperty);
    let lastId = '0';
    for (;;) {
      const page = await this.search(object, fields, {
        filters: [
          {
            propertyName: this.origin.property,
            operator: FilterOperatorEnum.Eq,
            value: this.origin.value,
          },
          { propertyName: HS_OBJECT_ID, operator: FilterOperatorEnum.Gt, value: lastId },
        ],
        sortBy: HS_OBJECT_ID,
      });
      if (page.results.length > 0) {
        yield page.results.map((result) => this.toRemote(result, identityProperty, properties));
      }
      if (!page.paging?.next || page.results.length === 0) return;
      lastId = page.results[page.results.length - 1].id;
    }
  }

  /** Every live record, by the list endpoint's `after` cursor. */
  private async *listPages(
    object: string,
    identityProperty: string,
    properties: string[],
    select: string[],
  ): AsyncGenerator<RemoteRecord[]> {
    for await (const results of this.pages(object, select, false)) {
      if (results.length > 0)
        yield results.map((result) => this.toRemote(result, identityProperty, properties));
    }
  }

  /** Every page of an object's listing (live or archived records), each fetched with retries. */
  private async *pages(object: string, select: string[], archived: boolean) {
    const what = `HubSpot list${archived ? ' archived' : ''} ${object}`;
    let after: string | undefined;
    do {
      const cursor = after;
      const page = await fetchPageWithRetry(
        this.listRetry,
        () =>
          this.call(what, (options) =>
            this.objects.basicApi.getPage(
              object,
              HUBSPOT_API_LIMITS.listPageSize,
              cursor,
              select,
              undefined,
              undefined,
              archived,
              options,
            ),
          ),
        HUBSPOT_API_LIMITS.burstWindowMs,
      );
      yield page.results;
      after = page.paging?.next?.after;
    } while (after);
  }

  /**
   * Records modified at or after `since`, oldest first, by search. Keyset paging on the modified
   * timestamp instead of `after` offsets: every page is a fresh `modified >= t` query from the
   * last timestamp seen (skipping the ids already yielded at exactly `t`). That never reaches
   * search's 10,000-result cap and never skips a record when another one is modified mid-scan
   * (offset paging over a live sort would). Should more than a page share one timestamp, that
   * timestamp is scanned on its own, by record id.
   */
  private async *searchSince(
    object: string,
    identityProperty: string,
    properties: string[],
    select: string[],
    since: Date,
  ): AsyncGenerator<RemoteRecord[]> {
    const modified = this.modifiedProperty(object);
    const fields = withIdentity(select, modified);
    let floor = since.getTime();
    let seenAtFloor = new Set<string>();
    for (;;) {
      const page = await this.search(object, fields, {
        filters: [
          { propertyName: modified, operator: FilterOperatorEnum.Gte, value: String(floor) },
        ],
        sortBy: modified,
      });
      const stamped = page.results.map((result) => ({
        result,
        at: hubSpotModifiedAt(result, modified),
      }));
      const fresh = stamped.filter(
        ({ result, at }) => !(at === floor && seenAtFloor.has(result.id)),
      );
      if (fresh.length > 0) {
        yield fresh.map(({ result }) => this.toRemote(result, identityProperty, properties));
      }
      if (!page.paging?.next || stamped.length === 0) return;
      const last = stamped[stamped.length - 1].at;
      if (last > floor) {
        floor = last;
        seenAtFloor = new Set(
          stamped.filter(({ at }) => at === last).map(({ result }) => result.id),
        );
      } else if (fresh.length > 0) {
        for (const { result } of fresh) seenAtFloor.add(result.id);
      } else {
        // A full page at one timestamp, all seen: walk that timestamp by id, then move past it.
        yield* this.searchAtTimestamp(
          object,
          identityProperty,
          properties,
          fields,
          modified,
          floor,
          seenAtFloor,
        );
        floor += 1;
        seenAtFloor = new Set();
      }
    }
  }

  private async *searchAtTimestamp(
    object: string,
    identityProperty: string,
    properties: string[],
    fields: string[],
    modified: string,
    at: number,
    seen: Set<string>,
  ): AsyncGenerator<RemoteRecord[]> {
    let lastId = '0';
    for (;;) {
      const page = await this.search(object, fields, {
        filters: [
          { propertyName: modified, operator: FilterOperatorEnum.Eq, value: String(at) },
          { propertyName: HS_OBJECT_ID, operator: FilterOperatorEnum.Gt, value: lastId },
        ],
        sortBy: HS_OBJECT_ID,
      });
      const fresh = page.results.filter((result) => !seen.has(result.id));
      if (fresh.length > 0) {
        yield fresh.map((result) => this.toRemote(result, identityProperty, properties));
      }
      if (!page.paging?.next || page.results.length === 0) return;
      lastId = page.results[page.results.length - 1].id;
    }
  }

  private search(object: string, fields: string[], query: HubSpotSearchQuery) {
    return fetchPageWithRetry(
      this.listRetry,
      async () => {
        // Search has its own, lower limit per account (shared by every worker): paced apart.
        await this.paceSearch?.();
        return this.call(`HubSpot search ${object}`, (options) =>
          this.objects.searchApi.doSearch(
            object,
            {
              filterGroups: [{ filters: query.filters }],
              // HubSpot documents sorts as objects; the generated model types them as strings.
              sorts: [{ propertyName: query.sortBy, direction: 'ASCENDING' } as unknown as string],
              properties: fields,
              limit: this.searchPageSize,
            },
            options,
          ),
        );
      },
      HUBSPOT_API_LIMITS.burstWindowMs,
    );
  }

  /** The properties to read: the asked ones, the identity, and the marker. */
  private select(properties: readonly string[], identityProperty: string): string[] {
    const select = withIdentity(properties, identityProperty);
    return this.origin ? withIdentity(select, this.origin.property) : select;
  }

  /** Properties to write, with the marker. */
  private marked(properties: MappedRecord['properties']): MappedRecord['properties'] {
    return this.origin ? { ...properties, [this.origin.property]: this.origin.value } : properties;
  }

  private toRemote(
    result: SimplePublicObject,
    identityProperty: string,
    properties: readonly string[],
  ): RemoteRecord {
    const record = toRemoteRecord(result, identityProperty, properties);
    return this.origin
      ? { ...record, origin: result.properties[this.origin.property] ?? null }
      : record;
  }

  private modifiedProperty(object: string): string {
    const configured = this.options.modifiedProperty?.[object];
    if (configured) return configured;
    return HUBSPOT_LEGACY_MODIFIED_OBJECTS.has(object) ? 'lastmodifieddate' : 'hs_lastmodifieddate';
  }

  /**
   * One API call: a deadline, the response's rate-limit headers reported, and any failure turned
   * into a classified DeliveryException.
   */
  private async call<T>(what: string, run: (options: CallOptions) => Promise<T>): Promise<T> {
    const capture: HubSpotResponseCapture = {};
    const options: CallOptions = {
      middleware: [createHubSpotCaptureMiddleware(capture)],
      middlewareMergeStrategy: 'append',
    };
    try {
      const result = await withDeadline(() => run(options), this.timeoutMs, what);
      this.authRejected = false;
      return result;
    } catch (error) {
      if (error instanceof DeliveryException) throw error;
      const facts = hubSpotErrorFacts(error, capture);
      if (facts.status === 401) {
        facts.authRetried = this.authRejected;
        this.authRejected = true;
      }
      throw classifyDeliveryError(facts, what, { cause: error });
    } finally {
      reportRateLimit(this.onRateLimit, parseHubSpotRateLimitHeaders(capture.headers));
    }
  }
}

function withIdentity(properties: readonly string[], identityProperty: string): string[] {
  return [...new Set([...properties, identityProperty])];
}

function identityOf(result: SimplePublicObject, identityProperty: string): string | null {
  return identityProperty === HS_OBJECT_ID
    ? result.id
    : (result.properties[identityProperty] ?? null);
}

function toRemoteRecord(
  result: SimplePublicObject,
  identityProperty: string,
  properties: readonly string[],
): RemoteRecord {
  const values: Record<string, unknown> = {};
  for (const name of properties) values[name] = result.properties[name] ?? null;
  return {
    externalId: result.id,
    identity: identityOf(result, identityProperty),
    properties: values,
    lastModified: result.updatedAt.toISOString(),
  };
}

function missingIdentityError(what: string): DeliveryException {
  return classifyDeliveryError({ crmCode: 'VALIDATION_ERROR', message: 'empty identity' }, what);
}

function missingIdentity(record: MappedRecord, what: string): ItemResult {
  return { identity: String(record.identity ?? ''), ok: false, error: missingIdentityError(what) };
}
