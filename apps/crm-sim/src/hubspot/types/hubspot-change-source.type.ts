/**
 * A webhook event's `changeSource`: an API write by an integration, or a user's edit in the
 * HubSpot UI (the sim's `/__sim` record edits).
 */
export type HubSpotChangeSource = 'INTEGRATION' | 'CRM_UI';
