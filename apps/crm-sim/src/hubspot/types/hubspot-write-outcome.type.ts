import type { HubSpotBatchError } from './hubspot-batch-error.type';
import type { HubSpotRecord } from './hubspot-record.type';

export type HubSpotWriteOutcome =
  | { ok: true; record: HubSpotRecord; created: boolean }
  | { ok: false; error: HubSpotBatchError; status: number };
