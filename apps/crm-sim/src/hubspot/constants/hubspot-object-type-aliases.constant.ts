/** Names and objectTypeIds HubSpot accepts for the standard objects. */
export const HUBSPOT_OBJECT_TYPE_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  contact: 'contacts',
  contacts: 'contacts',
  '0-1': 'contacts',
  company: 'companies',
  companies: 'companies',
  '0-2': 'companies',
  deal: 'deals',
  deals: 'deals',
  '0-3': 'deals',
});
