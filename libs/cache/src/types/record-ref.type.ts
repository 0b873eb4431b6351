/**
 * Names one record: its tenant (a tenant column's value, or a single-tenant collection's fixed
 * tenant), its collection (`entity`, the collection's name) and its id (recordIdOf: the key
 * values as one string). Tenant and id may hold any characters; the key builder encodes them.
 */
export interface RecordRef {
  tenant: string;
  entity: string;
  id: string;
}
