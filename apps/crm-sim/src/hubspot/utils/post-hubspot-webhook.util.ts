import type { HubSpotWebhookPostResult } from '../types/hubspot-webhook-post-result.type';

/** POSTs one signed delivery; never throws: a refused, reset or slow receiver is status 0. */
export async function postHubSpotWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<HubSpotWebhookPostResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
      signal,
    });
    await response.arrayBuffer();
    const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
    return response.status === 429 && Number.isFinite(retryAfter) && retryAfter >= 0
      ? { status: 429, retryAfterSeconds: retryAfter }
      : { status: response.status };
  } catch (error) {
    if (signal.aborted) {
      // AbortSignal.timeout() aborts with a TimeoutError, a close/reset with an AbortError.
      const name = (signal.reason as { name?: unknown } | undefined)?.name;
      return { status: 0, error: typeof name === 'string' ? name : 'AbortError' };
    }
    const cause = (error as { cause?: { code?: string } }).cause;
    return { status: 0, error: cause?.code ?? (error instanceof Error ? error.message : 'failed') };
  }
}
