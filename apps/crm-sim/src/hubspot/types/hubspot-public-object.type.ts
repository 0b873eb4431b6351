/** SimplePublicObject / SimplePublicUpsertObject as the v3 API returns them. */
export interface HubSpotPublicObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  new?: boolean;
}
