/** The record id as a property: read by it, search and sort on it. */
export const HS_OBJECT_ID = 'hs_object_id';
