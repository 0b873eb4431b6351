import type { AsyncLocalStorage } from 'node:async_hooks';
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce';
import { Transport } from 'jsforce/lib/transport';
import type { StreamPromise } from 'jsforce/lib/util/promise';
import type { SalesforceResponseCapture } from '../types/salesforce-response-capture.type';

/**
 * jsforce's HTTP transport with our per-call settings: a hard timeout (jsforce aborts the fetch)
 * and no transport retries (jsforce would retry GET/PUT/DELETE five times over ~15 s on 5xx,
 * 429 and socket errors; retries belong to the delivery-worker). It also records each response's
 * status and headers for the call in progress, which jsforce's errors do not carry.
 */
export class SalesforceCallTransport extends Transport {
  constructor(
    private readonly timeoutMs: number,
    private readonly captures: AsyncLocalStorage<SalesforceResponseCapture>,
  ) {
    super();
  }

  override httpRequest(
    req: HttpRequest,
    options: HttpRequestOptions = {},
  ): StreamPromise<HttpResponse> {
    const request = super.httpRequest(req, {
      ...options,
      timeout: this.timeoutMs,
      retry: { ...options.retry, maxRetries: 0 },
    });
    const capture = this.captures.getStore();
    if (capture) {
      void request.then(
        (response) => {
          capture.status = response.statusCode;
          capture.headers = response.headers;
        },
        () => undefined, // the caller sees the rejection
      );
    }
    return request;
  }
}
