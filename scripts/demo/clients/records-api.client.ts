import { JsonResponse, requestJson } from './http-json';

/** A record as the cache-api returns it; `version` is also the ETag. */
export interface RecordView {
  tenant: string;
  entity: string;
  id: string;
  version: number;
  data: Record<string, unknown>;
}

/** The cache-api's record API for one tenant (its API key), as a service would use it. */
export class RecordsApiClient {
  constructor(
    private readonly baseUrl: string,
    readonly tenant: string,
    private readonly apiKey: string,
  ) {}

  get(collection: string, id: string): Promise<JsonResponse<RecordView>> {
    return this.call('GET', `/${collection}/${id}`);
  }

  create(collection: string, data: Record<string, unknown>): Promise<JsonResponse<RecordView>> {
    return this.call('POST', `/${collection}`, data);
  }

  /** A write-through update; `ifMatch` (an ETag) makes it conditional. */
  update(
    collection: string,
    id: string,
    changes: Record<string, unknown>,
    ifMatch?: string,
  ): Promise<JsonResponse<RecordView>> {
    return this.call('PATCH', `/${collection}/${id}`, changes, ifMatch);
  }

  private call<T>(method: string, path: string, body?: unknown, ifMatch?: string) {
    return requestJson<T>(method, `${this.baseUrl}/v1/tenants/${this.tenant}${path}`, {
      headers: { 'x-api-key': this.apiKey, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      body,
    });
  }
}
