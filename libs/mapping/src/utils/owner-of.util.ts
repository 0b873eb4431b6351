import { FieldMapping, FieldOwner } from '../types/field-mapping.type';

/** Which side owns a field under 'field_ownership': its `owner`, else 'in' is the CRM's, else Postgres's. */
export function ownerOf(field: Pick<FieldMapping, 'direction' | 'owner'>): FieldOwner {
  return field.owner ?? (field.direction === 'in' ? 'crm' : 'postgres');
}
