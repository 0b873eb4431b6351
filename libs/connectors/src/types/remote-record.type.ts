/** A record as the destination holds it, for reconciliation. */
export interface RemoteRecord {
  externalId: string;
  identity: string | null;
  properties: Record<string, unknown>;
  lastModified: string; // ISO-8601
}
