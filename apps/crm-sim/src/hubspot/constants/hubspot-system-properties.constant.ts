/** Maintained by the sim on every write; read-only to clients. */
export const HUBSPOT_SYSTEM_PROPERTIES = Object.freeze([
  'hs_object_id',
  'createdate',
  'lastmodifieddate',
  'hs_lastmodifieddate',
] as const);
