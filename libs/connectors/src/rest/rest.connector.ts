import type { MappedRecord } from '@syncline/mapping';
import { RetryPolicy } from '@syncline/resilience';
import { DEFAULT_CALL_TIMEOUT_MS } from '../constants/default-call-timeout-ms.constant';
import { DEFAULT_LIST_RETRY } from '../constants/default-list-retry.constant';
import { DeliveryException } from '../exceptions/delivery.exception';
import type { ConnectorHooks } from '../types/connector-hooks.type';
import type { CrmConnector } from '../types/crm-connector.type';
import type { DeliveryErrorFacts } from '../types/delivery-error-facts.type';
import type { ItemResult } from '../types/item-result.type';
import type { PropertyDefinition } from '../types/property-definition.type';
import type { RateLimitObservation } from '../types/rate-limit-observation.type';
import type { RemoteRecord } from '../types/remote-record.type';
import { chunk } from '../utils/chunk.util';
import { classifyDeliveryError } from '../utils/classify-delivery-error.util';
import { errorMessage } from '../utils/error-message.util';
import { fetchPageWithRetry } from '../utils/fetch-page-with-retry.util';
import { isNetworkError } from '../utils/is-network-error.util';
import { reportRateLimit } from '../utils/report-rate-limit.util';
import { withDeadline } from '../utils/with-deadline.util';
import type { RestConnectorOptions } from './types/rest-connector-options.type';
import type { RestResponse } from './types/rest-response.type';
import { applyPayloadTemplate } from './utils/apply-payload-template.util';
import { expandPathTemplate } from './utils/expand-path-template.util';
import { getJsonPath } from './utils/get-json-path.util';
import { parseRestRateLimitHeaders } from './utils/parse-rest-rate-limit-headers.util';
import { readPayloadTemplate } from './utils/read-payload-template.util';
import { scalarText } from './utils/scalar-text.util';

const GONE = new Set([404, 410]);
const DEFAULT_BULK_SIZE = 100;

/**
 * A generic REST/webhook destination over Node's fetch: one request per record (`pathTemplate`)
 * or one per batch (`bulk`), a bearer token, a small payload template, and an optional list
 * endpoint for reconciliation.
 */
export class RestConnector implements CrmConnector {
  readonly kind = 'rest';
  readonly maxBatchSize: number;
  onRateLimit?: (observation: RateLimitObservation) => void;

  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly listRetry: RetryPolicy;
  /** Set by a 401; the next 401 is then permanent (a static token cannot be re-authorized). */
  private authRejected = false;

  constructor(
    private readonly options: RestConnectorOptions,
    hooks: ConnectorHooks = {},
  ) {
    if (!/^https?:\/\//.test(options.baseUrl ?? '') || !options.pathTemplate) {
      throw new DeliveryException(
        'permanent',
        'REST connector needs an http(s) baseUrl and a pathTemplate',
      );
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.maxBatchSize = options.bulk ? (options.bulk.maxBatchSize ?? DEFAULT_BULK_SIZE) : 1;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.listRetry = new RetryPolicy({ ...DEFAULT_LIST_RETRY, ...options.listRetry });
    this.onRateLimit = hooks.onRateLimit;
  }

  async upsert(
    object: string,
    _identityProperty: string,
    records: MappedRecord[],
  ): Promise<ItemResult[]> {
    const template = this.options.payloadTemplate ?? 'properties';
    const method = this.options.method ?? 'PUT';
    const bulk = this.options.bulk;
    if (bulk) {
      const what = `REST bulk ${method} ${object}`;
      const results: ItemResult[] = [];
      for (const batch of chunk(records, this.maxBatchSize)) {
        const items = batch.map((record) => applyPayloadTemplate(template, object, record));
        const body = bulk.itemsKey ? { [bulk.itemsKey]: items } : items;
        await this.send(what, method, expandPathTemplate(bulk.path, { object }), body);
        // A bulk endpoint answers for the batch as a whole.
        results.push(
          ...batch.map((record): ItemResult => ({ identity: record.identity, ok: true })),
        );
      }
      return results;
    }
    return this.perRecord(records, (record) => {
      const path = expandPathTemplate(this.options.pathTemplate, {
        identity: record.identity,
        object,
      });
      return this.send(
        `REST ${method} ${object}`,
        method,
        path,
        applyPayloadTemplate(template, object, record),
      ).then((response) => {
        const id = this.options.externalIdPath
          ? getJsonPath(response.body, this.options.externalIdPath)
          : undefined;
        return scalarText(id);
      });
    });
  }

  async archive(
    object: string,
    _identityProperty: string,
    identities: string[],
  ): Promise<ItemResult[]> {
    const method = this.options.deleteMethod ?? 'DELETE';
    const template = this.options.deletePathTemplate ?? this.options.pathTemplate;
    return this.perRecord(
      identities.map((identity) => ({ identity, properties: {} })),
      async (record) => {
        const path = expandPathTemplate(template, { identity: record.identity, object });
        // Already gone counts as done.
        await this.send(`REST ${method} ${object}`, method, path, undefined, GONE);
        return undefined;
      },
    );
  }

  async describe(): Promise<PropertyDefinition[]> {
    return this.options.properties ?? [];
  }

  async readByIdentity(
    object: string,
    identityProperty: string,
    identities: string[],
    properties: string[],
  ): Promise<RemoteRecord[]> {
    const template = this.options.readPathTemplate ?? this.options.pathTemplate;
    const records: RemoteRecord[] = [];
    for (const identity of new Set(identities)) {
      const path = expandPathTemplate(template, { identity, object });
      const response = await this.send(`REST GET ${object}`, 'GET', path, undefined, GONE);
      if (GONE.has(response.status)) continue;
      records.push(
        this.toRemoteRecord(
          response.body,
          response.headers,
          identityProperty,
          properties,
          identity,
        ),
      );
    }
    return records;
  }

  async *listAll(
    object: string,
    identityProperty: string,
    properties: string[],
    since?: Date,
  ): AsyncGenerator<RemoteRecord[]> {
    const list = this.options.list;
    if (!list) {
      throw new DeliveryException(
        'permanent',
        `REST destination cannot list ${object}: configure options.list to reconcile it`,
      );
    }
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams();
      if (since) query.set(list.sinceParam ?? 'since', since.toISOString());
      if (cursor !== undefined) query.set(list.cursorParam ?? 'cursor', cursor);
      const path = expandPathTemplate(list.path, { object });
      const separator = path.includes('?') ? '&' : '?';
      const url = query.size > 0 ? `${path}${separator}${query.toString()}` : path;
      const response = await fetchPageWithRetry(this.listRetry, () =>
        this.send(`REST list ${object}`, 'GET', url),
      );
      const items = Array.isArray(response.body)
        ? (response.body as unknown[])
        : getJsonPath(response.body, list.itemsPath ?? 'items');
      if (!Array.isArray(items)) {
        throw new DeliveryException('permanent', `REST list ${object}: no array in the answer`);
      }
      if (items.length > 0) {
        yield items.map((item) =>
          this.toRemoteRecord(item, response.headers, identityProperty, properties),
        );
      }
      const next = Array.isArray(response.body)
        ? undefined
        : getJsonPath(response.body, list.cursorPath ?? 'next');
      cursor = typeof next === 'string' && next !== '' ? next : undefined;
    } while (cursor !== undefined);
  }

  /**
   * One request per record, in order. A rejection of that record (4xx) fails only it. A failure of
   * the destination (5xx, 429, timeout, 401/403) stops the run: if nothing went through it is thrown as a
   * whole-call failure, otherwise the records already sent stay ok (a webhook POST must not be
   * repeated) and the rest fail with that error, to be retried.
   */
  private async perRecord(
    records: MappedRecord[],
    send: (record: MappedRecord) => Promise<string | undefined>,
  ): Promise<ItemResult[]> {
    const results: ItemResult[] = [];
    for (const [index, record] of records.entries()) {
      if (typeof record.identity !== 'string' || record.identity.trim() === '') {
        const error = classifyDeliveryError({ status: 400, message: 'empty identity' }, 'REST');
        results.push({ identity: String(record.identity ?? ''), ok: false, error });
        continue;
      }
      try {
        const externalId = await send(record);
        results.push(
          externalId === undefined
            ? { identity: record.identity, ok: true }
            : { identity: record.identity, ok: true, externalId },
        );
      } catch (error) {
        if (!(error instanceof DeliveryException)) throw error;
        const auth = error.details.status === 401 || error.details.status === 403;
        if (error.errorClass === 'permanent' && !auth) {
          results.push({ identity: record.identity, ok: false, error });
          continue;
        }
        if (results.every((result) => !result.ok)) throw error;
        for (const rest of records.slice(index)) {
          results.push({ identity: rest.identity, ok: false, error });
        }
        break;
      }
    }
    return results;
  }

  /** One HTTP call: deadline, bearer token, rate-limit headers, errors classified. */
  private async send(
    what: string,
    method: string,
    path: string,
    body?: unknown,
    accept: ReadonlySet<number> = new Set(),
  ): Promise<RestResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...this.options.headers,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.authToken) headers.authorization = `Bearer ${this.options.authToken}`;
    let response: RestResponse;
    try {
      response = await withDeadline(
        async (signal) => {
          const answer = await fetch(`${this.baseUrl}${path}`, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            signal,
          });
          return {
            status: answer.status,
            headers: answer.headers,
            body: parseBody(await answer.text()),
          };
        },
        this.timeoutMs,
        what,
      );
    } catch (error) {
      if (error instanceof DeliveryException) throw error;
      const facts: DeliveryErrorFacts = { message: errorMessage(error) };
      if (isNetworkError(error)) facts.network = true;
      throw classifyDeliveryError(facts, what, { cause: error });
    }
    reportRateLimit(this.onRateLimit, parseRestRateLimitHeaders(response.headers));
    if (response.status < 400 || accept.has(response.status)) {
      if (response.status !== 401) this.authRejected = false;
      return response;
    }
    const facts: DeliveryErrorFacts = {
      status: response.status,
      message: describeBody(response.body),
      retryAfter: response.headers.get('retry-after'),
    };
    if (response.status === 401) {
      facts.authRetried = this.authRejected;
      this.authRejected = true;
    }
    throw classifyDeliveryError(facts, what);
  }

  private toRemoteRecord(
    body: unknown,
    headers: Headers,
    identityProperty: string,
    properties: readonly string[],
    knownIdentity?: string,
  ): RemoteRecord {
    const template = this.options.payloadTemplate ?? 'properties';
    const read = readPayloadTemplate(template, body, identityProperty, properties);
    const identity = scalarText(read.identity) ?? knownIdentity;
    const externalId = this.options.externalIdPath
      ? getJsonPath(body, this.options.externalIdPath)
      : undefined;
    const modified = this.options.lastModifiedPath
      ? getJsonPath(body, this.options.lastModifiedPath)
      : headers.get('last-modified');
    const modifiedAt = typeof modified === 'string' ? Date.parse(modified) : NaN;
    return {
      externalId: scalarText(externalId) ?? identity ?? '',
      identity: identity ?? null,
      properties: read.properties,
      lastModified: new Date(Number.isNaN(modifiedAt) ? 0 : modifiedAt).toISOString(),
    };
  }
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A short, single-line excerpt of an error body for the message (never request data). */
function describeBody(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.replace(/\s+/g, ' ').slice(0, 200);
}
