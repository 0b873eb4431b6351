import type { HubSpotChangeSource } from './hubspot-change-source.type';

/** What a record write did, for the webhook subscriptions that listen to it. */
export interface HubSpotRecordChange {
  objectType: string;
  objectId: string;
  created: boolean;
  deleted: boolean;
  /** Properties whose value changed (null: cleared). */
  properties: Map<string, string | null>;
  occurredAt: number;
  source: HubSpotChangeSource;
}
