import type { HubSpotBatchError } from './hubspot-batch-error.type';
import type { HubSpotPublicObject } from './hubspot-public-object.type';

export interface HubSpotBatchResponse {
  status: 'COMPLETE';
  results: HubSpotPublicObject[];
  startedAt: string;
  completedAt: string;
  numErrors?: number;
  errors?: HubSpotBatchError[];
}
