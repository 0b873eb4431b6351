/** What reads return when the caller names no properties, as HubSpot does per object type. */
export const HUBSPOT_DEFAULT_READ_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  deals: [
    'amount',
    'closedate',
    'createdate',
    'dealname',
    'dealstage',
    'hs_lastmodifieddate',
    'hs_object_id',
    'pipeline',
  ],
  '*': ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};
