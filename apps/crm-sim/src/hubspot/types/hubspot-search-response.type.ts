import type { HubSpotPublicObject } from './hubspot-public-object.type';

export interface HubSpotSearchResponse {
  total: number;
  results: HubSpotPublicObject[];
  paging?: { next: { after: string; link?: string } };
}
