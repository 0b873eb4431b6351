/** A CRM object in memory. System properties (hs_object_id, createdate, ...) live in `properties`. */
export interface HubSpotRecord {
  id: string;
  objectType: string;
  properties: Record<string, string>;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt?: number;
}
