/** Names one record: the tenant, the entity (`contact`, `company`, `deal`) and its id. */
export interface RecordRef {
  tenant: string;
  entity: string;
  id: string;
}
