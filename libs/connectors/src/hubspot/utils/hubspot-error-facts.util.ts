import type { DeliveryErrorFacts } from '../../types/delivery-error-facts.type';
import { errorMessage } from '../../utils/error-message.util';
import { isAbortError } from '../../utils/is-abort-error.util';
import { isNetworkError } from '../../utils/is-network-error.util';
import type { HubSpotResponseCapture } from '../types/hubspot-response-capture.type';

interface HubSpotErrorBody {
  category?: string;
  message?: string;
  policyName?: string;
  errors?: { code?: string }[];
}

/**
 * Facts about a failed @hubspot/api-client call. Errors are `ApiException`s (numeric `code`,
 * parsed `body`, lower-cased `headers`), one class per API group, so they are recognised by
 * shape. A response the client cannot parse (no or a non-JSON Content-Type) surfaces as a plain
 * Error: its status comes from the capture middleware.
 */
export function hubSpotErrorFacts(
  error: unknown,
  capture: HubSpotResponseCapture,
): DeliveryErrorFacts {
  if (isApiException(error)) {
    const body = readBody(error.body);
    const facts: DeliveryErrorFacts = {
      status: error.code,
      crmCode: body.errors?.find((e) => typeof e.code === 'string')?.code ?? body.category,
      message: body.message ?? error.message,
      retryAfter: error.headers?.['retry-after'] ?? capture.headers?.['retry-after'],
    };
    if (body.policyName !== undefined) facts.policyName = body.policyName;
    return facts;
  }
  const message = errorMessage(error);
  if (capture.status !== undefined) {
    return { status: capture.status, message, retryAfter: capture.headers?.['retry-after'] };
  }
  if (isAbortError(error)) return { timeout: true, message };
  if (isNetworkError(error)) return { network: true, message };
  return { message };
}

function isApiException(
  error: unknown,
): error is Error & { code: number; body: unknown; headers?: Record<string, string> } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'number' &&
    'body' in error
  );
}

function readBody(body: unknown): HubSpotErrorBody {
  if (typeof body === 'string') {
    try {
      return readBody(JSON.parse(body));
    } catch {
      return { message: body.slice(0, 500) };
    }
  }
  return typeof body === 'object' && body !== null ? body : {};
}
