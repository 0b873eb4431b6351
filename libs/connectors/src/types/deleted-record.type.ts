/** A record deleted (archived) in the CRM, as its deletion listing reports it. */
export interface DeletedRecord {
  externalId: string;
  /** The identity property's value when the CRM still knows it (HubSpot); Salesforce: null. */
  identity: string | null;
  deletedAt: string; // ISO-8601
}
