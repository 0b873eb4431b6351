import { DEFAULT_WEBHOOK_MAX_AGE_MS } from '../../constants/default-webhook-max-age-ms.constant';
import type { WebhookVerification } from '../../types/webhook-verification.type';
import { checkWebhookTimestamp } from '../../utils/check-webhook-timestamp.util';
import { headerValue } from '../../utils/header-value.util';
import { safeEqual } from '../../utils/safe-equal.util';
import { REST_WEBHOOK_HEADERS } from '../constants/rest-webhook-headers.constant';
import type { RestWebhookVerifyInput } from '../types/rest-webhook-verify-input.type';
import { restWebhookDigest } from './rest-webhook-digest.util';

/** Checks a generic REST webhook signed as `signRestWebhook` describes; constant-time compare. */
export function verifyRestWebhook(input: RestWebhookVerifyInput): WebhookVerification {
  const secrets = (typeof input.secret === 'string' ? [input.secret] : input.secret).filter(
    (secret) => secret !== '',
  );
  if (secrets.length === 0) return { ok: false, reason: 'no secret configured' };
  const header = headerValue(input.headers, REST_WEBHOOK_HEADERS.signature);
  if (!header) return { ok: false, reason: `missing ${REST_WEBHOOK_HEADERS.signature} header` };
  const timestamp = headerValue(input.headers, REST_WEBHOOK_HEADERS.timestamp);
  const now = typeof input.now === 'number' ? input.now : input.now.getTime();
  const stale = checkWebhookTimestamp(
    timestamp,
    REST_WEBHOOK_HEADERS.timestamp,
    now,
    input.maxAgeMs ?? DEFAULT_WEBHOOK_MAX_AGE_MS,
  );
  if (stale) return { ok: false, reason: stale };
  const given = header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('sha256='))
    .map((part) => part.slice('sha256='.length).toLowerCase());
  if (given.length === 0) return { ok: false, reason: 'no sha256= signature' };
  const expected = secrets.map((secret) =>
    restWebhookDigest(secret, timestamp!.trim(), input.rawBody),
  );
  // Every pair is compared (no early exit), so the time taken says nothing about which matched.
  let matched = false;
  for (const signature of given) {
    for (const digest of expected) matched = safeEqual(signature, digest) || matched;
  }
  return matched ? { ok: true } : { ok: false, reason: 'signature mismatch' };
}
