import type { HubSpotWebhookHint } from './hubspot-webhook-hint.type';

export interface HubSpotWebhookParseResult {
  hints: HubSpotWebhookHint[];
  /** Events that could not be read (unknown subscription types, missing fields), one line each. */
  problems: string[];
}
