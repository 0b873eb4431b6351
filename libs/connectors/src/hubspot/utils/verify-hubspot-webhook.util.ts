import { Signature } from '@hubspot/api-client';
import { DEFAULT_WEBHOOK_MAX_AGE_MS } from '../../constants/default-webhook-max-age-ms.constant';
import type { WebhookVerification } from '../../types/webhook-verification.type';
import { checkWebhookTimestamp } from '../../utils/check-webhook-timestamp.util';
import { headerValue } from '../../utils/header-value.util';
import { safeEqual } from '../../utils/safe-equal.util';
import type { HubSpotWebhookVerifyInput } from '../types/hubspot-webhook-verify-input.type';
import { hubSpotSignedUri } from './hubspot-signed-uri.util';

const SIGNATURE = 'X-HubSpot-Signature-v3';
const TIMESTAMP = 'X-HubSpot-Request-Timestamp';

/**
 * Checks a HubSpot webhook POST by its v3 signature: Base64(HMAC-SHA256(client secret, method +
 * URI + body + timestamp)), computed by the official client's `Signature.getSignature`. Not
 * `Signature.isValid`: that one reads the wall clock itself (and throws on a stale timestamp
 * instead of answering), has a fixed 5-minute bound, and compares with `===`; here the clock
 * is injected, future timestamps are bounded too, and the comparison is constant-time.
 */
export function verifyHubSpotWebhook(input: HubSpotWebhookVerifyInput): WebhookVerification {
  if (!input.clientSecret) return { ok: false, reason: 'no client secret configured' };
  const signature = headerValue(input.headers, SIGNATURE);
  if (!signature) return { ok: false, reason: `missing ${SIGNATURE} header` };
  const raw = headerValue(input.headers, TIMESTAMP);
  const now = typeof input.now === 'number' ? input.now : input.now.getTime();
  const stale = checkWebhookTimestamp(
    raw,
    TIMESTAMP,
    now,
    input.maxAgeMs ?? DEFAULT_WEBHOOK_MAX_AGE_MS,
  );
  if (stale) return { ok: false, reason: stale };
  const expected = Signature.getSignature(input.method.toUpperCase(), 'v3', {
    signature,
    clientSecret: input.clientSecret,
    requestBody: typeof input.rawBody === 'string' ? input.rawBody : input.rawBody.toString('utf8'),
    url: hubSpotSignedUri(input.url),
    timestamp: Number(raw),
  });
  return safeEqual(signature, expected)
    ? { ok: true }
    : { ok: false, reason: 'signature mismatch' };
}
