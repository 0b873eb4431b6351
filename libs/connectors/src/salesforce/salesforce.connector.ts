import { AsyncLocalStorage } from 'node:async_hooks';
import { Connection, OAuth2 } from 'jsforce';
import type { QueryResult, Record as SalesforceRecord, SaveResult, UpsertResult } from 'jsforce';
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
import { SALESFORCE_API_LIMITS } from './constants/salesforce-api-limits.constant';
import { SALESFORCE_GET_DELETED } from './constants/salesforce-get-deleted.constant';
import { SalesforceCallTransport } from './services/salesforce-call.transport';
import type { SalesforceConnectorOptions } from './types/salesforce-connector-options.type';
import type { SalesforceResponseCapture } from './types/salesforce-response-capture.type';
import { salesforceErrorFacts } from './utils/salesforce-error-facts.util';
import { salesforceLimitObservation } from './utils/salesforce-limit-observation.util';
import { isSalesforceId } from './utils/is-salesforce-id.util';
import { soqlDatetime } from './utils/soql-datetime.util';
import { soqlDatetimeExact } from './utils/soql-datetime-exact.util';
import { soqlName } from './utils/soql-name.util';
import { soqlString } from './utils/soql-string.util';
import { toSalesforcePropertyDefinition } from './utils/to-salesforce-property-definition.util';

/** The composite API reports item errors as `statusCode`; jsforce's type says `errorCode`. */
type ItemError = { statusCode?: string; errorCode?: string; message?: string };

/**
 * Salesforce through the official `jsforce`: sObject Collections upsert by external ID (one
 * composite call per 200 records), delete by ids resolved with SOQL, `describe`, and SOQL for the
 * read side. Authenticates with OAuth 2.0 client credentials (renewed once on INVALID_SESSION_ID)
 * or a given access token.
 */
export class SalesforceConnector implements CrmConnector {
  readonly kind = 'salesforce';
  readonly maxBatchSize = SALESFORCE_API_LIMITS.collectionSize;
  // An archive first queries the Ids by external id.
  readonly requestsPerCall = { archive: 2 };
  readonly origin?: ConnectorOrigin;
  onRateLimit?: (observation: RateLimitObservation) => void;

  private readonly captures = new AsyncLocalStorage<SalesforceResponseCapture>();
  private readonly transport: SalesforceCallTransport;
  private readonly timeoutMs: number;
  private readonly version: string;
  private readonly listRetry: RetryPolicy;
  private readonly oauth2?: OAuth2;
  private connection?: Promise<Connection>;
  /** Set by a rejected static token; the next rejection is then permanent. */
  private authRejected = false;

  constructor(
    private readonly options: SalesforceConnectorOptions,
    hooks: ConnectorHooks = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.transport = new SalesforceCallTransport(this.timeoutMs, this.captures);
    this.version = options.apiVersion ?? SALESFORCE_API_LIMITS.defaultApiVersion;
    if (!(Number.parseFloat(this.version) >= SALESFORCE_API_LIMITS.minApiVersion)) {
      throw new DeliveryException(
        'permanent',
        `Salesforce API version ${this.version} is too old: sObject Collections upsert needs ${SALESFORCE_API_LIMITS.minApiVersion}.0+`,
      );
    }
    if (options.clientId && options.clientSecret && options.loginUrl) {
      this.oauth2 = new OAuth2({
        loginUrl: options.loginUrl.replace(/\/+$/, ''),
        clientId: options.clientId,
        clientSecret: options.clientSecret,
      });
      this.oauth2._transport = this.transport;
    } else if (!(options.accessToken && options.instanceUrl)) {
      throw new DeliveryException(
        'permanent',
        'Salesforce connector needs clientId, clientSecret and loginUrl, or accessToken and instanceUrl',
      );
    }
    this.listRetry = new RetryPolicy({ ...DEFAULT_LIST_RETRY, ...options.listRetry });
    this.onRateLimit = hooks.onRateLimit;
    this.origin = connectorOrigin(options);
    if (this.origin) soqlName(this.origin.property);
  }

  async upsert(
    object: string,
    identityProperty: string,
    records: MappedRecord[],
  ): Promise<ItemResult[]> {
    const what = `Salesforce upsert ${object}`;
    soqlName(object);
    const extId = soqlName(identityProperty);
    const results = new Map<MappedRecord, ItemResult>();
    const sendable: MappedRecord[] = [];
    for (const record of records) {
      if (typeof record.identity === 'string' && record.identity.trim() !== '') {
        sendable.push(record);
      } else {
        results.set(record, { identity: '', ok: false, error: emptyIdentity(what) });
      }
    }
    for (const batch of chunkByIdentity(sendable, (r) => r.identity, this.maxBatchSize)) {
      // One PATCH composite/sobjects/{object}/{extId} per batch (jsforce sends one call for
      // <= 200 records; more would need allowRecursive, which we never set).
      const saved = await this.call(what, (conn) =>
        conn.sobject(object).upsert(
          batch.map((record) => toSalesforceRecord(record, extId, this.origin)),
          extId,
          { allOrNone: false },
        ),
      );
      batch.forEach((record, index) =>
        results.set(record, toItemResult(record.identity, saved[index], what)),
      );
    }
    return records.map((record) => results.get(record)!);
  }

  /** By record Id: one `PATCH composite/sobjects` (records with Id and `attributes.type`) per 200. */
  async updateByExternalId(
    object: string,
    updates: { externalId: string; properties: MappedRecord['properties'] }[],
  ): Promise<ItemResult[]> {
    const what = `Salesforce update ${object}`;
    soqlName(object);
    const results: ItemResult[] = [];
    for (const batch of chunk(updates, this.maxBatchSize)) {
      const saved = await this.call(what, (conn) =>
        conn.sobject(object).update(
          batch.map((update) => {
            const fields: SalesforceRecord = {};
            for (const [name, value] of Object.entries(update.properties))
              fields[name === 'type' ? 'Type' : name] = value;
            return { ...fields, Id: update.externalId };
          }),
          { allOrNone: false },
        ),
      );
      batch.forEach((update, index) =>
        results.push(toItemResult(update.externalId, saved[index], what)),
      );
    }
    return results;
  }

  async archive(
    object: string,
    identityProperty: string,
    identities: string[],
  ): Promise<ItemResult[]> {
    const what = `Salesforce delete ${object}`;
    const known = await this.readByIdentity(object, identityProperty, identities, []);
    const identityById = new Map(known.map((record) => [record.externalId, record.identity ?? '']));
    const failures = new Map<string, DeliveryException>();
    for (const ids of chunk([...identityById.keys()], this.maxBatchSize)) {
      const deleted = await this.call(what, (conn) =>
        conn.sobject(object).destroy(ids, { allOrNone: false }),
      );
      ids.forEach((id, index) => {
        const result = deleted[index];
        const error = result && !result.success ? firstError(result.errors) : undefined;
        // Deleted meanwhile (or by an earlier attempt): the goal is reached.
        if (error && itemCode(error) !== 'ENTITY_IS_DELETED') {
          failures.set(identityById.get(id)!.toLowerCase(), itemException(error, what));
        }
      });
    }
    return identities.map((identity): ItemResult => {
      if (identity.trim() === '') return { identity, ok: false, error: emptyIdentity(what) };
      const error = failures.get(identity.toLowerCase());
      return error ? { identity, ok: false, error } : { identity, ok: true };
    });
  }

  async describe(object: string): Promise<PropertyDefinition[]> {
    const result = await this.call(`Salesforce describe ${object}`, (conn) =>
      conn.sobject(object).describe(),
    );
    return result.fields.map((field) =>
      toSalesforcePropertyDefinition({
        ...field,
        picklistValues: field.picklistValues as { value: string; active?: boolean }[] | null,
      }),
    );
  }

  async readByIdentity(
    object: string,
    identityProperty: string,
    identities: string[],
    properties: string[],
  ): Promise<RemoteRecord[]> {
    const what = `Salesforce query ${object}`;
    const fields = this.selectFields(identityProperty, properties);
    const wanted = [...new Set(identities.filter((identity) => identity.trim() !== ''))];
    const records: RemoteRecord[] = [];
    for (const values of chunk(wanted, SALESFORCE_API_LIMITS.inClauseSize)) {
      const soql =
        `SELECT ${fields.join(', ')} FROM ${soqlName(object)} ` +
        `WHERE ${soqlName(identityProperty)} IN (${values.map(soqlString).join(', ')})`;
      for await (const page of this.query(what, soql, false)) {
        records.push(...page.map((r) => this.toRemote(r, identityProperty, properties)));
      }
    }
    return records;
  }

  /** By record Id (`WHERE Id IN (...)`); deleted records (recycle bin) and unknown ids are absent. */
  async readByExternalId(
    object: string,
    identityProperty: string,
    externalIds: string[],
    properties: string[],
  ): Promise<RemoteRecord[]> {
    const what = `Salesforce query ${object}`;
    const fields = this.selectFields(identityProperty, properties);
    // A malformed id fails the whole query (MALFORMED_ID) and can name no record: left out.
    const wanted = [...new Set(externalIds.filter(isSalesforceId))];
    const records: RemoteRecord[] = [];
    for (const ids of chunk(wanted, SALESFORCE_API_LIMITS.inClauseSize)) {
      const soql =
        `SELECT ${fields.join(', ')} FROM ${soqlName(object)} ` +
        `WHERE Id IN (${ids.map(soqlString).join(', ')})`;
      for await (const page of this.query(what, soql, false)) {
        records.push(...page.map((r) => this.toRemote(r, identityProperty, properties)));
      }
    }
    return records;
  }

  /**
   * Deletions at or after `since` by Get Deleted (ids and dates only: identity is null), a day
   * per call. Its ranges are whole minutes and the last one ends in the future, which covers up
   * to now; `start` must be within the last 15 days (else INVALID_REPLICATION_DATE, permanent:
   * a caller that fell further behind needs a full reconciliation instead).
   */
  async *listDeletedSince(
    object: string,
    _identityProperty: string,
    since: Date,
  ): AsyncGenerator<DeletedRecord[]> {
    const what = `Salesforce get deleted ${object}`;
    const sobject = soqlName(object);
    const { granularityMs, minRangeMs, windowMs } = SALESFORCE_GET_DELETED;
    let start = Math.floor(since.getTime() / granularityMs) * granularityMs;
    const end =
      Math.max(Math.floor(Date.now() / granularityMs) * granularityMs, start) + minRangeMs;
    while (start < end) {
      const from = start;
      const to = Math.min(from + windowMs, end);
      const result = await fetchPageWithRetry(this.listRetry, () =>
        this.call(what, (conn) => conn.sobject(sobject).deleted(new Date(from), new Date(to))),
      );
      // Half-open windows: a deletion on a boundary is reported by one window only.
      const lower = Math.max(from, since.getTime());
      const deleted = result.deletedRecords
        .map((r) => ({ externalId: r.id, identity: null, at: Date.parse(r.deletedDate) }))
        .filter(({ at }) => at >= lower && at < to)
        .map(({ externalId, identity, at }) => ({
          externalId,
          identity,
          deletedAt: new Date(at).toISOString(),
        }));
      if (deleted.length > 0) yield deleted;
      start = to;
    }
  }

  /**
   * Records modified after `cursor`, ordered by (SystemModstamp, Id): the keyset
   * `SystemModstamp > t OR (SystemModstamp = t AND Id > lastId)` resumes exactly after the
   * cursor, even among the many records one collection call stamps alike.
   */
  async *listModifiedSince(
    object: string,
    identityProperty: string,
    properties: string[],
    cursor: ModifiedCursor,
    options: ModifiedScanOptions = {},
  ): AsyncGenerator<ModifiedPage> {
    const at = new Date(cursor.modifiedAt);
    if (Number.isNaN(at.getTime())) {
      throw new DeliveryException('permanent', `invalid cursor time ${cursor.modifiedAt}`);
    }
    const stamp = soqlDatetimeExact(at);
    const after =
      cursor.lastId === undefined
        ? `SystemModstamp >= ${stamp}`
        : `(SystemModstamp > ${stamp} OR (SystemModstamp = ${stamp} AND Id > ${soqlString(cursor.lastId)}))`;
    // Whole seconds, rounded down: a bound that excludes a little more is still correct.
    const where = options.until
      ? `${after} AND SystemModstamp < ${soqlDatetime(options.until)}`
      : after;
    const fields = this.selectFields(identityProperty, properties);
    const soql = `SELECT ${fields.join(', ')} FROM ${soqlName(object)} WHERE ${where} ORDER BY SystemModstamp, Id`;
    for await (const page of this.query(`Salesforce query ${object}`, soql, true)) {
      if (page.length === 0) continue;
      const records = page.map((r) => this.toRemote(r, identityProperty, properties));
      const last = records[records.length - 1];
      yield { records, cursor: { modifiedAt: last.lastModified, lastId: last.externalId } };
    }
  }

  async *listAll(
    object: string,
    identityProperty: string,
    properties: string[],
    since?: Date,
  ): AsyncGenerator<RemoteRecord[]> {
    const fields = this.selectFields(identityProperty, properties);
    const where = since ? ` WHERE SystemModstamp >= ${soqlDatetime(since)}` : '';
    const soql = `SELECT ${fields.join(', ')} FROM ${soqlName(object)}${where} ORDER BY SystemModstamp, Id`;
    for await (const page of this.query(`Salesforce query ${object}`, soql, true)) {
      if (page.length > 0) yield page.map((r) => this.toRemote(r, identityProperty, properties));
    }
  }

  /** The records carrying this connector's marker (`WHERE <origin field> = value`). */
  async *listOwned(
    object: string,
    identityProperty: string,
    properties: string[],
  ): AsyncGenerator<RemoteRecord[]> {
    if (!this.origin) return;
    const fields = this.selectFields(identityProperty, properties);
    const soql =
      `SELECT ${fields.join(', ')} FROM ${soqlName(object)} ` +
      `WHERE ${soqlName(this.origin.property)} = ${soqlString(this.origin.value)} ORDER BY Id`;
    for await (const page of this.query(`Salesforce query ${object}`, soql, true)) {
      if (page.length > 0) yield page.map((r) => this.toRemote(r, identityProperty, properties));
    }
  }

  private selectFields(identityProperty: string, properties: readonly string[]): string[] {
    return selectFields(
      identityProperty,
      this.origin ? [...properties, this.origin.property] : properties,
    );
  }

  private toRemote(
    record: SalesforceRecord,
    identityProperty: string,
    properties: readonly string[],
  ): RemoteRecord {
    const remote = toRemoteRecord(record, identityProperty, properties);
    if (!this.origin) return remote;
    const origin = fieldValue(record, this.origin.property);
    return { ...remote, origin: typeof origin === 'string' ? origin : null };
  }

  /** A SOQL query page by page: `query`, then `queryMore` along `nextRecordsUrl`. */
  private async *query(
    what: string,
    soql: string,
    retryPages: boolean,
  ): AsyncGenerator<SalesforceRecord[]> {
    const fetch = (page: (conn: Connection) => Promise<QueryResult<SalesforceRecord>>) => {
      const once = () => this.call(what, page);
      return retryPages ? fetchPageWithRetry(this.listRetry, once) : once();
    };
    // A jsforce Query is a thenable, not a Promise: `await` runs it (first page only).
    let result = await fetch(
      async (conn) => await conn.query<SalesforceRecord>(soql, { autoFetch: false }),
    );
    for (;;) {
      yield result.records;
      const next = result.nextRecordsUrl;
      if (result.done || !next) return;
      result = await fetch(async (conn) => await conn.queryMore<SalesforceRecord>(next));
    }
  }

  /**
   * One API call: a deadline (the transport aborts it), the org's API usage reported from
   * `conn.limitInfo`, one re-authorization on an invalid session, and failures classified.
   */
  private async call<T>(what: string, run: (conn: Connection) => Promise<T>): Promise<T> {
    let conn = await this.connect(what);
    for (let attempt = 1; ; attempt++) {
      const capture: SalesforceResponseCapture = {};
      const limitsBefore = conn.limitInfo;
      try {
        const result = await this.captures.run(capture, () =>
          withDeadline(() => run(conn), this.timeoutMs, what),
        );
        this.authRejected = false;
        return result;
      } catch (error) {
        if (error instanceof DeliveryException) throw error;
        const facts = salesforceErrorFacts(error, capture);
        const rejected = facts.status === 401 || facts.crmCode === 'INVALID_SESSION_ID';
        if (rejected && this.oauth2 && attempt === 1) {
          conn = await this.reconnect(conn, what);
          continue;
        }
        if (rejected) {
          facts.authRetried = this.oauth2 !== undefined || this.authRejected;
          this.authRejected = true;
        }
        throw classifyDeliveryError(facts, what, { cause: error });
      } finally {
        if (conn.limitInfo !== limitsBefore) {
          reportRateLimit(this.onRateLimit, salesforceLimitObservation(conn.limitInfo));
        }
      }
    }
  }

  /** The connection, authorizing first with client credentials (one token request at a time). */
  private connect(what: string): Promise<Connection> {
    this.connection ??= this.openConnection(what).catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }

  /** A new session unless another call already replaced the one that was rejected. */
  private async reconnect(stale: Connection, what: string): Promise<Connection> {
    const current = await this.connection;
    if (current === stale) this.connection = undefined;
    return this.connect(what);
  }

  private async openConnection(what: string): Promise<Connection> {
    let instanceUrl = this.options.instanceUrl;
    let accessToken = this.options.accessToken;
    if (this.oauth2) {
      const oauth2 = this.oauth2;
      const capture: SalesforceResponseCapture = {};
      try {
        const token = await this.captures.run(capture, () =>
          withDeadline(
            () => oauth2.requestToken({ grant_type: 'client_credentials' }),
            this.timeoutMs,
            `${what}: OAuth token`,
          ),
        );
        instanceUrl = token.instance_url;
        accessToken = token.access_token;
      } catch (error) {
        if (error instanceof DeliveryException) throw error;
        throw classifyDeliveryError(salesforceErrorFacts(error, capture), `${what}: OAuth token`, {
          cause: error,
        });
      }
    }
    const conn = new Connection({ instanceUrl, accessToken, version: this.version });
    conn._transport = this.transport;
    return conn;
  }
}

function selectFields(identityProperty: string, properties: readonly string[]): string[] {
  const fields = new Map<string, string>();
  for (const name of ['Id', 'SystemModstamp', identityProperty, ...properties]) {
    // SOQL rejects a field selected twice, in any letter case.
    if (!fields.has(name.toLowerCase())) fields.set(name.toLowerCase(), soqlName(name));
  }
  return [...fields.values()];
}

function toSalesforceRecord(
  record: MappedRecord,
  extId: string,
  origin: ConnectorOrigin | undefined,
): SalesforceRecord {
  const fields: SalesforceRecord = {};
  for (const [name, value] of Object.entries(record.properties)) {
    if (name.toLowerCase() === extId.toLowerCase()) continue;
    // jsforce reads a `type` key as the record's sObject type: field names are case-insensitive
    // in Salesforce, so `Type` reaches the Type field instead.
    fields[name === 'type' ? 'Type' : name] = value;
  }
  fields[extId] = record.identity;
  if (origin) fields[origin.property] = origin.value;
  return fields;
}

function toItemResult(
  identity: string,
  result: SaveResult | UpsertResult | undefined,
  what: string,
): ItemResult {
  if (result?.success) return { identity, ok: true, externalId: result.id };
  const error = result ? firstError(result.errors) : undefined;
  return {
    identity,
    ok: false,
    error: error
      ? itemException(error, what)
      : classifyDeliveryError({ message: 'no result for this record' }, what),
  };
}

function toRemoteRecord(
  record: SalesforceRecord,
  identityProperty: string,
  properties: readonly string[],
): RemoteRecord {
  const values: Record<string, unknown> = {};
  for (const name of properties) values[name] = fieldValue(record, name) ?? null;
  const identity = fieldValue(record, identityProperty);
  const modstamp = fieldValue(record, 'SystemModstamp');
  return {
    externalId: String(record.Id),
    identity: typeof identity === 'string' ? identity : null,
    properties: values,
    lastModified:
      typeof modstamp === 'string' ? new Date(modstamp).toISOString() : new Date(0).toISOString(),
  };
}

/** A field of a query result by name, in any letter case (SOQL answers with the API name). */
function fieldValue(record: SalesforceRecord, name: string): unknown {
  if (name in record) return record[name];
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

function firstError(errors: SaveResult['errors']): ItemError | undefined {
  return (errors as ItemError[])[0];
}

function itemCode(error: ItemError): string | undefined {
  return error.statusCode ?? error.errorCode;
}

function itemException(error: ItemError, what: string): DeliveryException {
  return classifyDeliveryError({ crmCode: itemCode(error), message: error.message }, what);
}

function emptyIdentity(what: string): DeliveryException {
  return classifyDeliveryError(
    { crmCode: 'REQUIRED_FIELD_MISSING', message: 'empty identity' },
    what,
  );
}
