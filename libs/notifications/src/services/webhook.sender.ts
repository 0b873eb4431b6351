import { SIGNATURE_HEADERS } from '../constants/signature-headers.constant';
import { NotificationFailedException } from '../exceptions/notification-failed.exception';
import { DigestPayload } from '../types/digest-payload.type';
import { signWebhook } from '../utils/sign-webhook.util';

/**
 * POSTs a digest as JSON, signed (SIGNATURE_HEADERS). A 2xx is delivered; a network error,
 * timeout, 408, 429 or 5xx is retriable; any other answer (a redirect included) is not.
 */
export class WebhookSender {
  constructor(private readonly timeoutMs: number) {}

  async send(target: { url: string; secret: string }, digest: DigestPayload): Promise<void> {
    const body = JSON.stringify(digest);
    const timestamp = Math.floor(Date.now() / 1000);
    // Only the origin goes into messages: a URL's path or query may carry a token.
    const where = new URL(target.url).origin;
    let response: Response;
    try {
      response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'syncline-notifier',
          [SIGNATURE_HEADERS.timestamp]: String(timestamp),
          [SIGNATURE_HEADERS.signature]: signWebhook(target.secret, timestamp, body),
          [SIGNATURE_HEADERS.notificationId]: digest.id,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new NotificationFailedException(
        `webhook ${where} unreachable: ${error instanceof Error ? error.message : String(error)}`,
        true,
        { cause: error },
      );
    }
    // Read the answer to the end so the connection can be reused; its content does not matter.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return;
    const { status } = response;
    throw new NotificationFailedException(
      `webhook ${where} answered ${status}`,
      status === 408 || status === 429 || status >= 500,
    );
  }
}
