import type { HubSpotBatchResponse } from './hubspot-batch-response.type';

/** A batch answer: HTTP status (200/201, or 207 when some inputs failed) and body. */
export interface HubSpotBatchOutcome {
  status: number;
  body: HubSpotBatchResponse;
  itemErrors: number;
}
