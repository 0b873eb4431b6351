import { CRM_ERROR_CODES } from '../constants/crm-error-codes.constant';
import { DeliveryErrorClass, DeliveryException } from '../exceptions/delivery.exception';
import type { DeliveryErrorFacts } from '../types/delivery-error-facts.type';
import { parseRetryAfter } from './parse-retry-after.util';

type Details = DeliveryException['details'];

/**
 * The one error classification for every connector (a table-tested pure function):
 * 429 / limit codes -> `rate_limited` (Retry-After, policy `interval` or `daily`); timeouts,
 * network errors, 5xx and lock/availability codes -> `transient`; 401 / invalid session ->
 * `transient` until a re-authorization was tried, then `permanent`; validation, 4xx and unknown
 * codes -> `permanent`.
 */
export function classifyDeliveryError(
  facts: DeliveryErrorFacts,
  what: string,
  options: { cause?: unknown; now?: number } = {},
): DeliveryException {
  const { status, crmCode } = facts;
  const [errorClass, reason] = decide(facts);
  const details: Details = {};
  if (status !== undefined) details.status = status;
  if (crmCode !== undefined) details.crmCode = crmCode;
  if (errorClass === 'rate_limited') {
    details.policy = limitPolicy(facts);
    const retryAfterMs = parseRetryAfter(facts.retryAfter, options.now);
    if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
  }
  const said = [status, crmCode, facts.message].filter((part) => part !== undefined && part !== '');
  const message = `${what} failed (${reason})${said.length > 0 ? `: ${said.join(' ')}` : ''}`;
  return new DeliveryException(errorClass, message, details, { cause: options.cause });
}

function decide(facts: DeliveryErrorFacts): [DeliveryErrorClass, string] {
  const { status, crmCode } = facts;
  if (facts.timeout) return ['transient', 'timed out'];
  if (facts.network) return ['transient', 'network error'];
  if (status === 429 || (crmCode !== undefined && CRM_ERROR_CODES.rateLimited.has(crmCode))) {
    return ['rate_limited', 'rate limited'];
  }
  if (status === 401 || (crmCode !== undefined && CRM_ERROR_CODES.auth.has(crmCode))) {
    return facts.authRetried
      ? ['permanent', 'not authorized after re-authorization']
      : ['transient', 'not authorized, re-authorize and retry'];
  }
  if (crmCode !== undefined && CRM_ERROR_CODES.transient.has(crmCode)) {
    return ['transient', 'temporary CRM condition'];
  }
  if (crmCode !== undefined && CRM_ERROR_CODES.permanent.has(crmCode)) {
    return ['permanent', 'rejected'];
  }
  if (status !== undefined && (status >= 500 || status === 408 || status === 423)) {
    return ['transient', 'server error'];
  }
  if (status !== undefined && status >= 400) return ['permanent', 'rejected'];
  return ['permanent', 'unexpected error'];
}

function limitPolicy(facts: DeliveryErrorFacts): 'interval' | 'daily' {
  const policyName = facts.policyName?.toUpperCase();
  if (policyName === 'DAILY') return 'daily';
  if (policyName !== undefined) return 'interval'; // TEN_SECONDLY_ROLLING, SECONDLY
  // Salesforce answers both of its limits with 403 REQUEST_LIMIT_EXCEEDED: the rolling 24-hour
  // API allowance ("TotalRequests Limit exceeded.") and the concurrency cap ("ConcurrentPer...").
  if (facts.crmCode === 'REQUEST_LIMIT_EXCEEDED') {
    return /concurrent/i.test(facts.message ?? '') ? 'interval' : 'daily';
  }
  return 'interval';
}
