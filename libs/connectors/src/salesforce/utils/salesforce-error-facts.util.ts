import type { DeliveryErrorFacts } from '../../types/delivery-error-facts.type';
import { errorMessage } from '../../utils/error-message.util';
import { isAbortError } from '../../utils/is-abort-error.util';
import { isNetworkError } from '../../utils/is-network-error.util';
import type { SalesforceResponseCapture } from '../types/salesforce-response-capture.type';

const HTTP_FALLBACK_CODE = /^ERROR_HTTP_(\d{3})$/;

/**
 * Facts about a failed jsforce call. REST errors are `HttpApiError`s (`errorCode`, `data`, no
 * status: that comes from the transport's capture); a body jsforce could not read becomes
 * `ERROR_HTTP_<status>`; OAuth token errors are Errors named after the OAuth `error`; aborted
 * fetches are `AbortError`s, socket failures node-fetch `FetchError`s.
 */
export function salesforceErrorFacts(
  error: unknown,
  capture: SalesforceResponseCapture,
): DeliveryErrorFacts {
  const message = errorMessage(error);
  if (isAbortError(error)) return { timeout: true, message };
  if (capture.status === undefined && isNetworkError(error)) return { network: true, message };
  const facts: DeliveryErrorFacts = { message };
  if (capture.status !== undefined) facts.status = capture.status;
  const retryAfter = capture.headers?.['retry-after'];
  if (retryAfter !== undefined) facts.retryAfter = retryAfter;
  const code = errorCodeOf(error);
  const fallback = code !== undefined ? HTTP_FALLBACK_CODE.exec(code) : null;
  if (fallback) facts.status ??= Number(fallback[1]);
  else if (code !== undefined) facts.crmCode = code;
  return facts;
}

function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { errorCode, data, name } = error as {
    errorCode?: unknown;
    data?: unknown;
    name?: unknown;
  };
  if (errorCode === 'MULTIPLE_API_ERRORS' && Array.isArray(data)) {
    const first = data[0] as { errorCode?: unknown } | undefined;
    if (typeof first?.errorCode === 'string') return first.errorCode;
  }
  if (typeof errorCode === 'string') return errorCode;
  // OAuth token endpoint errors: jsforce names the Error after the OAuth `error` field.
  if (typeof name === 'string' && name !== 'Error' && /^[A-Za-z_]+$/.test(name)) return name;
  return undefined;
}
