/**
 * One HubSpot webhook event as a hint that a record changed: the receiver reads the record's
 * current state (`readByExternalId`) rather than trusting the event, so duplicated, reordered
 * or replayed events are harmless.
 */
export interface HubSpotWebhookHint {
  /** The object type as the CRM API takes it (a standard object's plural name) or, for other
   * objects of generic (`object.*`) subscriptions, their objectTypeId (`2-1234567`). */
  object: string;
  objectTypeId: string;
  /** The HubSpot account the event came from (an app may be installed in several). */
  portalId: number;
  externalId: string;
  occurredAt: string; // ISO-8601
  kind: 'change' | 'deletion' | 'creation';
  /** `CRM_UI`, `INTEGRATION`, `IMPORT`, ...; null when absent. */
  changeSource: string | null;
  /** HubSpot's event id (documented as not guaranteed unique: dedupe with portal and type). */
  eventId: string;
  subscriptionType: string;
  propertyName?: string;
}
