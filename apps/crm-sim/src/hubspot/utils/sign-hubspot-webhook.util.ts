import { createHash, createHmac } from 'node:crypto';
import { hubSpotSignedUri } from './hubspot-signed-uri.util';

/**
 * The signature headers of one webhook POST. v3: Base64(HMAC-SHA256(secret, method + URI + body
 * + timestamp)) with X-HubSpot-Request-Timestamp (ms). HubSpot sends the older v1 signature on
 * webhooks API deliveries too: hex SHA-256 of secret + body, X-HubSpot-Signature-Version: v1.
 */
export function signHubSpotWebhook(
  secret: string,
  method: string,
  url: string,
  body: string,
  timestampMs: number,
): Record<string, string> {
  const timestamp = String(timestampMs);
  const v3 = createHmac('sha256', secret)
    .update(`${method}${hubSpotSignedUri(url)}${body}${timestamp}`, 'utf8')
    .digest('base64');
  const v1 = createHash('sha256').update(`${secret}${body}`, 'utf8').digest('hex');
  return {
    'X-HubSpot-Signature-v3': v3,
    'X-HubSpot-Request-Timestamp': timestamp,
    'X-HubSpot-Signature': v1,
    'X-HubSpot-Signature-Version': 'v1',
  };
}
