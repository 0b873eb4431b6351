/**
 * HubSpot object types whose search filters on `lastmodifieddate` rather than
 * `hs_lastmodifieddate`: HubSpot's built-in person object, by its fixed object-type id. A
 * destination that addresses it by name sets `modifiedProperty` for that name.
 */
export const HUBSPOT_LEGACY_MODIFIED_OBJECTS: ReadonlySet<string> = new Set(['0-1']);
