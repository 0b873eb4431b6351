/** A record as the destination holds it, for reconciliation. */
export interface RemoteRecord {
  externalId: string;
  identity: string | null;
  properties: Record<string, unknown>;
  lastModified: string; // ISO-8601
  /** The ownership marker's value when the connector has one (`CrmConnector.origin`), else absent. */
  origin?: string | null;
}
